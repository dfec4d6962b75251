package dev.cutover.engine.producers.connect;

import dev.cutover.engine.connect.ConnectRestClient;
import dev.cutover.engine.connect.ConnectVersion;
import dev.cutover.engine.connect.ConnectorStatus;
import dev.cutover.engine.controls.ControlException;
import dev.cutover.plans.ConnectControl;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

/**
 * Read-only checks of a {@code connect} producer before anything is stopped: both Connect clusters
 * are new enough for the offsets API, the connector exists on the source, and nothing by that name
 * runs on the target already (it would write the same events a second time).
 */
public final class ConnectorPreflight {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ConnectorPreflight() {
    }

    /** @return what was found, for the gate's evidence */
    public static String check(String field, ConnectControl control) throws ControlException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        ConnectRestClient source = new ConnectRestClient(field + ".source-url", control.sourceUrl(), http, TIMEOUT);
        ConnectRestClient target = new ConnectRestClient(field + ".target-url", control.targetUrl(), http, TIMEOUT);
        String sourceVersion = requireVersion(field + ".source-url", source, 3, 6, "reading and writing a connector's offsets");
        String targetVersion = requireVersion(field + ".target-url", target, 3, 7, "creating a connector in the STOPPED state");
        String connector = control.connector();
        ConnectorStatus onSource = source.status(connector).orElseThrow(() -> new ControlException(field
                + ".connector: '" + connector + "' does not exist on " + source.url() + "; check the connector name and "
                + field + ".source-url"));
        Optional<ConnectorStatus> onTarget = target.status(connector);
        if (onTarget.isPresent() && !onTarget.get().isStopped()) {
            throw new ControlException(field + ".connector: '" + connector + "' already exists on " + target.url()
                    + " and is " + onTarget.get().state() + "; beside the source's it would write every event twice. "
                    + "Delete it there (DELETE /connectors/" + connector + ") or stop it (PUT /connectors/" + connector
                    + "/stop) before the cutover");
        }
        return "connector " + connector + " " + onSource.state() + " on source (Connect " + sourceVersion + "), "
                + onTarget.map(s -> s.state() + " on target").orElse("absent on target") + " (Connect " + targetVersion + ")";
    }

    private static String requireVersion(String field, ConnectRestClient connect, int major, int minor, String what)
            throws ControlException {
        String version = connect.serverInfo().version();
        ConnectVersion parsed = ConnectVersion.parse(version);
        if (parsed == null || !parsed.atLeast(major, minor)) {
            throw new ControlException(field + ": " + what + " needs Kafka Connect " + major + "." + minor
                    + " or later; " + connect.url() + " runs " + version);
        }
        return version;
    }
}
