package dev.cutover.engine.clusters;

import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import dev.cutover.plans.ClusterSpec;
import dev.cutover.plans.PropertyResolver;
import dev.cutover.plans.UnresolvedSecretException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The client settings and admin client for one side of the cutover ("source" or "target").
 *
 * <p>Secrets are resolved here, at run time, from {@code ${env:…}} and {@code ${file:…}}
 * placeholders; the resolved map lives only in memory and {@link #toString()} shows the
 * bootstrap address alone, so a stray log line cannot leak a password.
 */
public final class ClusterClients implements AutoCloseable {

    private final String role;
    private final String bootstrap;
    private final Map<String, Object> properties;
    private Admin admin;

    private ClusterClients(String role, String bootstrap, Map<String, Object> properties) {
        this.role = role;
        this.bootstrap = bootstrap;
        this.properties = properties;
    }

    /** Resolves the cluster's properties; an unresolvable secret is a usage error (exit 2). */
    public static ClusterClients of(String role, ClusterSpec spec, PropertyResolver resolver) {
        Map<String, Object> props = new HashMap<>();
        try {
            props.putAll(resolver.resolve(spec, role));
        } catch (UnresolvedSecretException e) {
            throw new CutoverException(ExitCode.USAGE, e.getMessage(), null,
                    "set the variable or create the file, then run the command again");
        }
        props.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, "cutover-" + role);
        return new ClusterClients(role, spec.bootstrap(), props);
    }

    public String role() {
        return role;
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** A copy of the resolved client properties (with secrets): pass to Kafka clients only. */
    public Map<String, Object> properties() {
        return new HashMap<>(properties);
    }

    /** The shared admin client, created on first use and closed with this object. */
    public synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> p = properties();
            // Fail a dead cluster in seconds, not the default minute, so preflight answers quickly.
            p.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            p.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
            admin = Admin.create(p);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }

    @Override
    public String toString() {
        return role + " cluster at " + bootstrap;
    }
}
