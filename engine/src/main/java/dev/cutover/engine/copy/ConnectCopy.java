package dev.cutover.engine.copy;

import dev.cutover.engine.connect.ConnectRestClient;
import dev.cutover.engine.connect.ConnectorStatus;
import dev.cutover.engine.connect.MirrorOnConnect;
import dev.cutover.engine.connect.MirrorSourceOffsets;
import dev.cutover.engine.controls.ControlException;
import dev.cutover.engine.mirror.MirrorConnectors;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.run.PausePoint;
import dev.cutover.plans.PropertyResolver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code mirror.engine: connect}: MirrorMaker 2's connectors on the plan's Kafka Connect cluster (see
 * {@link MirrorConnectors} for the copy's invariant). Deploying is {@code PUT /connectors/{name}/config},
 * which creates or updates, so a rerun after a kill converges on the same two connectors; a stopped or
 * paused one is resumed. A worker that dies is Connect's to replace (its tasks move to the others,
 * resuming from the committed offsets); a connector or task that FAILED fails the gate with Connect's
 * reason, while a Connect that does not answer for a while is waited out (the copy runs without cutover).
 * How far the copy is comes from the connector's committed offsets, which exactly-once support commits
 * with the records.
 */
final class ConnectCopy implements ForwardCopy {

    private final GateContext context;
    private final ConnectRestClient client;
    private final MirrorConnectors connectors;
    /** What the last answered look found: a wait goes on from it while Connect does not answer. */
    private Map<TopicPartition, Long> lastCopied = Map.of();

    ConnectCopy(GateContext context, ConnectRestClient client, MirrorConnectors connectors) {
        this.context = context;
        this.client = client;
        this.connectors = connectors;
    }

    static ConnectCopy of(GateContext context) {
        MirrorOnConnect connect = MirrorOnConnect.of(context.compiled(), context.source(), context.target(), new PropertyResolver());
        return new ConnectCopy(context, connect.client(), connect.connectors());
    }

    @Override
    public Map<String, Object> start() throws GateFailedException {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("connect", client.url());
        evidence.putAll(deploy());
        PausePoint.reach("mirror.after-deploy");
        return evidence;
    }

    @Override
    public boolean ensureRunning() throws GateFailedException {
        Map<String, String> done = deploy();
        return done.containsValue("created") || done.containsValue("updated and resumed");
    }

    /** Each connector created or updated (the same config: a rerun converges), a stopped or paused one resumed. */
    private Map<String, String> deploy() throws GateFailedException {
        Map<String, String> done = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Map<String, String>> connector : deployed().entrySet()) {
                boolean created = client.putConfig(connector.getKey(), connector.getValue());
                Optional<ConnectorStatus> status = client.status(connector.getKey());
                boolean resumed = false;
                if (status.isPresent() && ("STOPPED".equals(status.get().state()) || "PAUSED".equals(status.get().state()))) {
                    client.resume(connector.getKey());
                    resumed = true;
                }
                String what = created ? "created" : resumed ? "updated and resumed" : "updated";
                done.put(connector.getKey(), what);
                context.ledger().audit("mirror", "deployed", connector.getKey() + " " + what + " on " + client.url());
                context.progress().note("mirror: connector " + connector.getKey() + " " + what + " on " + client.url());
            }
        } catch (ControlException e) {
            throw unreachable(e);
        }
        return done;
    }

    @Override
    public CopyHealth keepCopying() throws GateFailedException {
        try {
            Optional<ConnectorStatus> status = client.status(connectors.sourceName());
            if (status.isEmpty()) {
                if (client.exists(connectors.sourceName())) {
                    // Just created: Connect reports a connector's status once its worker has started it.
                    return new CopyHealth("connector " + connectors.sourceName() + " created, not started yet", false);
                }
                // Deleted behind cutover's back: deploy it again; it resumes from its committed offsets.
                client.putConfig(connectors.sourceName(), connectors.source());
                return new CopyHealth("connector " + connectors.sourceName() + " was gone; deployed it again", true);
            }
            String failure = status.get().failure();
            if (failure != null) {
                throw new GateFailedException("MirrorMaker 2 on " + client.url() + ": " + connectors.sourceName() + ": " + failure,
                        "read the worker's log for the cause, fix it, restart the connector (POST " + client.url()
                                + "/connectors/" + connectors.sourceName() + "/restart?includeTasks=true&onlyFailed=true) and run "
                                + "`cutover step` again", Map.of("connector", status.get().describe()));
            }
            return new CopyHealth("connector " + status.get().describe(), false);
        } catch (ControlException e) {
            // A worker restarting behind the URL, a rebalance outlasting the retries: the copy itself goes
            // on; the wait looks again and, if Connect never answers, ends at its deadline saying this.
            return new CopyHealth("Connect did not answer (" + e.getMessage() + "); looking again", false);
        }
    }

    @Override
    public Map<TopicPartition, Long> copied() {
        try {
            lastCopied = MirrorSourceOffsets.nextOffsets("the offsets of " + connectors.sourceName(),
                    client.offsets(connectors.sourceName()));
        } catch (ControlException e) {
            // keepCopying reports the same silence in this look's summary; the last answer stands until Connect answers.
        }
        return lastCopied;
    }

    @Override
    public String whereToLook() {
        return "the Kafka Connect cluster at " + client.url() + " (GET /connectors/" + connectors.sourceName() + "/status)";
    }

    private Map<String, Map<String, String>> deployed() {
        Map<String, Map<String, String>> deployed = new LinkedHashMap<>();
        deployed.put(connectors.sourceName(), connectors.source());
        deployed.put(connectors.checkpointName(), connectors.checkpoint());
        return deployed;
    }

    private GateFailedException unreachable(ControlException e) {
        return new GateFailedException(e.getMessage(),
                "check that Kafka Connect answers at " + client.url() + " (mirror.connect.url), then run `cutover step` again");
    }
}
