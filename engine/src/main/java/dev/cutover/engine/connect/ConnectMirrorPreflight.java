package dev.cutover.engine.connect;

import dev.cutover.engine.controls.ControlException;
import dev.cutover.engine.mirror.MirrorConnectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only checks, before anything is deployed, that a Kafka Connect cluster can run cutover's
 * MirrorMaker 2 connectors with the guarantees {@link MirrorConnectors} states: a version with the
 * offsets and stop APIs (KIP-875, 3.6) and creation in the STOPPED state (KIP-980, 3.7), the two
 * MirrorMaker 2 plugins on the workers, workers that accept {@code exactly.once.support: required}
 * (KIP-618) and, when the plan switches producers, the reverse connector's client overrides to the
 * source cluster; asked of the workers themselves through the validate endpoint, which creates nothing.
 */
public final class ConnectMirrorPreflight {

    private static final String FIELD = "mirror.connect.url";

    private ConnectMirrorPreflight() {
    }

    /** The forward connectors only (a plan that switches no producer). */
    public static Map<String, Object> check(ConnectRestClient connect, MirrorConnectors connectors)
            throws ControlException, ConnectMirrorRefused {
        return check(connect, connectors, null, Map.of());
    }

    /**
     * @param reverse the reverse connector's config, empty when the plan switches no producer
     * @return what was found, for the gate's evidence
     */
    public static Map<String, Object> check(ConnectRestClient connect, MirrorConnectors connectors, String reverseName,
                                            Map<String, String> reverse) throws ControlException, ConnectMirrorRefused {
        Map<String, Object> found = new LinkedHashMap<>();
        String version = connect.serverInfo().version();
        ConnectVersion parsed = ConnectVersion.parse(version);
        if (parsed == null || !parsed.atLeast(3, 7)) {
            throw new ConnectMirrorRefused(FIELD + ": stopping the mirror at an exact point, moving its offsets and creating "
                    + "the reverse connector stopped need Kafka Connect 3.7 or later; " + connect.url() + " runs " + version,
                    "upgrade the workers, or set mirror.engine: embedded, then run `cutover step` again");
        }
        found.put("version", version);
        List<String> plugins = connect.connectorPlugins();
        List<String> missing = new ArrayList<>();
        for (String wanted : List.of(connectors.source().get("connector.class"), connectors.checkpoint().get("connector.class"))) {
            if (!plugins.contains(wanted)) {
                missing.add(wanted);
            }
        }
        if (!missing.isEmpty()) {
            throw new ConnectMirrorRefused(FIELD + ": the workers at " + connect.url() + " do not have "
                    + String.join(" and ", missing), "put Apache Kafka's connect-mirror and connect-mirror-client jars "
                    + "on every worker's plugin.path (they ship in Kafka's libs/), restart the workers and run `cutover step` again");
        }
        found.put("plugins", "MirrorSourceConnector, MirrorCheckpointConnector");
        Map<String, String> asDeployed = new LinkedHashMap<>(connectors.source());
        asDeployed.put("name", connectors.sourceName()); // the validate endpoint requires it, as a create would
        Map<String, List<String>> errors = connect.validate(asDeployed.get("connector.class"), asDeployed);
        List<String> exactlyOnce = errors.remove("exactly.once.support");
        if (exactlyOnce != null) {
            throw new ConnectMirrorRefused(FIELD + ": the workers at " + connect.url() + " refuse exactly-once copying ("
                    + String.join("; ", exactlyOnce) + "); without it a worker killed mid-copy duplicates records "
                    + "on the target", "set exactly.once.source.support=enabled on every worker (KIP-618: one rolling "
                    + "restart with 'preparing', then one with 'enabled') and run `cutover step` again, "
                    + "or set mirror.engine: embedded");
        }
        if (!errors.isEmpty()) {
            List<String> lines = new ArrayList<>();
            errors.forEach((key, messages) -> lines.add(key + ": " + String.join("; ", messages)));
            throw new ConnectMirrorRefused(FIELD + ": the workers at " + connect.url() + " refuse the mirror's config: "
                    + String.join(", ", lines), "correct mirror.properties (or the clusters' properties) and run "
                    + "`cutover plan` again");
        }
        found.put("exactlyOnce", "required, accepted by the workers");
        if (!reverse.isEmpty()) {
            Map<String, String> reverseAsDeployed = new LinkedHashMap<>(reverse);
            reverseAsDeployed.put("name", reverseName);
            Map<String, List<String>> refused = connect.validate(reverse.get("connector.class"), reverseAsDeployed);
            if (!refused.isEmpty()) {
                List<String> lines = new ArrayList<>();
                refused.forEach((key, messages) -> lines.add(key + ": " + String.join("; ", messages)));
                throw new ConnectMirrorRefused(FIELD + ": the workers at " + connect.url() + " refuse the reverse connector "
                        + "(target to source after the switch): " + String.join(", ", lines), "it writes to the source "
                        + "cluster through producer.override.*, consumer.override.* and admin.override.*: set "
                        + "connector.client.config.override.policy=All on every worker (the default), or set "
                        + "mirror.engine: embedded, then run `cutover step` again");
            }
            found.put("reverse", reverseName + " accepted (client overrides to the source)");
        }
        found.put("connectors", List.of(connectors.sourceName(), connectors.checkpointName()));
        return found;
    }
}
