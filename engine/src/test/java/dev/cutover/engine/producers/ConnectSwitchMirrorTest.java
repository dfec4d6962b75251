package dev.cutover.engine.producers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.engine.connect.ConnectRestClient;
import dev.cutover.engine.connect.FakeConnect;
import dev.cutover.engine.connect.FakeConnect.Reply;
import dev.cutover.engine.connect.MirrorOnConnect;
import dev.cutover.engine.mirror.MirrorConnectors;
import dev.cutover.engine.mirror.MirrorJob;
import dev.cutover.engine.run.FakeTime;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.Progress;
import dev.cutover.state.Ledger;
import dev.cutover.state.MirrorDirection;
import dev.cutover.state.MirrorProgress;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order of the REST calls that keeps one direction at a time on Connect and starts each
 * connector at the ledger's positions, on a scripted Connect and fake time: the reverse connector is
 * created STOPPED after the forward pair is stopped, and its offsets are moved to the switch points
 * before it is resumed; a connector's offsets only ever move forward; a running one is left alone.
 */
class ConnectSwitchMirrorTest {

    private static final String FORWARD = "cutover-p-mirror-source";
    private static final String CHECKPOINT = "cutover-p-mirror-checkpoint";
    private static final String REVERSE = "cutover-p-mirror-reverse";
    private static final Reply ACCEPTED = new Reply(202, "");

    @TempDir
    Path dir;

    private final FakeConnect fake = new FakeConnect();
    private Ledger ledger;

    @AfterEach
    void close() {
        fake.close();
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void theReverseConnectorIsCreatedStoppedAfterTheForwardPairStoppedAndStartsAtTheSwitchPoints() {
        ledger = Ledger.open(dir.resolve("cutover.db"));
        // The turnaround's reverse start: target offset 120 (next to copy), source offset 100.
        ledger.saveMirrorProgress(MirrorDirection.REVERSE, List.of(new MirrorProgress("t", 0, 120, 100, null)), List.of());
        ledger.mirrorDirection(MirrorDirection.REVERSE);
        forwardPairStops();
        fake.on("POST /connectors", new Reply(201, "{}"));
        fake.on("GET /connectors/" + REVERSE + "/status", status(REVERSE, "STOPPED", ""), status(REVERSE, "STOPPED", ""),
                status(REVERSE, "RUNNING", "{\"id\":0,\"state\":\"RUNNING\",\"worker_id\":\"w1\"}"));
        fake.on("GET /connectors/" + REVERSE + "/offsets", new Reply(200, "{\"offsets\":[]}"));
        fake.on("PATCH /connectors/" + REVERSE + "/offsets", new Reply(200, "{}"));
        fake.on("PUT /connectors/" + REVERSE + "/resume", ACCEPTED);

        mirror().ensureRunning();

        List<String> calls = fake.log();
        assertThat(calls.indexOf("PUT /connectors/" + FORWARD + "/stop")).isLessThan(calls.indexOf("POST /connectors"));
        assertThat(calls.indexOf("PUT /connectors/" + CHECKPOINT + "/stop")).isLessThan(calls.indexOf("POST /connectors"));
        assertThat(calls.indexOf("PATCH /connectors/" + REVERSE + "/offsets"))
                .isLessThan(calls.indexOf("PUT /connectors/" + REVERSE + "/resume")).isPositive();
        assertThat(fake.bodies("POST /connectors").get(0)).contains("\"initial_state\":\"STOPPED\"");
        assertThat(fake.bodies("PATCH /connectors/" + REVERSE + "/offsets")).containsExactly(
                "{\"offsets\":[{\"partition\":{\"cluster\":\"target\",\"topic\":\"t\",\"partition\":0},\"offset\":{\"offset\":119}}]}");
    }

    @Test
    void aStoppedForwardConnectorHasItsOffsetsMovedOnlyForwardAndTheReverseOneIsStoppedFirst() {
        ledger = Ledger.open(dir.resolve("cutover.db"));
        // After a rollback: the forward copy starts past what the reverse one wrote (t-0 at 150, t-1 at 180).
        ledger.saveMirrorProgress(MirrorDirection.FORWARD, List.of(new MirrorProgress("t", 0, 150, 170, null),
                new MirrorProgress("t", 1, 180, 190, null)), List.of());
        fake.on("GET /connectors/" + REVERSE, new Reply(200, "{\"name\":\"" + REVERSE + "\"}"));
        fake.on("GET /connectors/" + REVERSE + "/status", status(REVERSE, "STOPPED", ""));
        fake.on("PUT /connectors/" + REVERSE + "/stop", ACCEPTED);
        fake.on("GET /connectors/" + FORWARD, new Reply(200, "{\"name\":\"" + FORWARD + "\"}"));
        fake.on("GET /connectors/" + FORWARD + "/status", status(FORWARD, "STOPPED", ""));
        // Committed: t-0 already at 200 (past the ledger's 150: it stands), t-1 at 50.
        fake.on("GET /connectors/" + FORWARD + "/offsets", new Reply(200, "{\"offsets\":["
                + "{\"partition\":{\"cluster\":\"source\",\"topic\":\"t\",\"partition\":0},\"offset\":{\"offset\":199}},"
                + "{\"partition\":{\"cluster\":\"source\",\"topic\":\"t\",\"partition\":1},\"offset\":{\"offset\":49}}]}"));
        fake.on("PATCH /connectors/" + FORWARD + "/offsets", new Reply(200, "{}"));
        fake.on("PUT /connectors/" + FORWARD + "/resume", ACCEPTED);
        fake.on("GET /connectors/" + CHECKPOINT + "/status", status(CHECKPOINT, "STOPPED", ""));
        fake.on("PUT /connectors/" + CHECKPOINT + "/resume", ACCEPTED);

        mirror().ensureRunning();

        List<String> calls = fake.log();
        assertThat(calls.indexOf("PUT /connectors/" + REVERSE + "/stop")).isLessThan(calls.indexOf("PUT /connectors/" + FORWARD + "/resume"));
        assertThat(fake.bodies("PATCH /connectors/" + FORWARD + "/offsets")).containsExactly(
                "{\"offsets\":[{\"partition\":{\"cluster\":\"source\",\"topic\":\"t\",\"partition\":1},\"offset\":{\"offset\":179}}]}");
        assertThat(calls).contains("PUT /connectors/" + CHECKPOINT + "/resume");
    }

    @Test
    void aRunningReverseConnectorIsNeverRewound() {
        ledger = Ledger.open(dir.resolve("cutover.db"));
        ledger.saveMirrorProgress(MirrorDirection.REVERSE, List.of(new MirrorProgress("t", 0, 120, 100, null)), List.of());
        ledger.mirrorDirection(MirrorDirection.REVERSE);
        forwardPairStops();
        fake.on("POST /connectors", new Reply(409, "{\"error_code\":409,\"message\":\"Connector " + REVERSE + " already exists\"}"));
        fake.on("GET /connectors/" + REVERSE + "/status",
                status(REVERSE, "RUNNING", "{\"id\":0,\"state\":\"RUNNING\",\"worker_id\":\"w1\"}"));

        mirror().ensureRunning();

        assertThat(fake.log()).noneMatch(call -> call.startsWith("PATCH") || call.endsWith("/resume"));
    }

    /** The forward pair answers its stop and reports STOPPED with no task. */
    private void forwardPairStops() {
        fake.on("GET /connectors/" + FORWARD + "/status", status(FORWARD, "STOPPED", ""));
        fake.on("GET /connectors/" + CHECKPOINT + "/status", status(CHECKPOINT, "STOPPED", ""));
        fake.on("PUT /connectors/" + FORWARD + "/stop", ACCEPTED);
        fake.on("PUT /connectors/" + CHECKPOINT + "/stop", ACCEPTED);
    }

    private ConnectSwitchMirror mirror() {
        MirrorJob job = MirrorJob.of(Map.of("bootstrap.servers", "old:9092"), Map.of("bootstrap.servers", "new:9092"),
                List.of("t"), List.of(), 1);
        MirrorOnConnect connect = new MirrorOnConnect(
                new ConnectRestClient("mirror.connect.url", fake.url(), HttpClient.newHttpClient(), Duration.ofMillis(500)),
                MirrorConnectors.forward("p", job), MirrorConnectors.reverseName("p"), MirrorConnectors.reverseConfig("p", job));
        GateContext context = new GateContext(null, null, null, ledger, null, new FakeTime(), Progress.SILENT);
        return new ConnectSwitchMirror(context, connect, new FakeKafka());
    }

    private static Reply status(String name, String state, String tasks) {
        return new Reply(200, "{\"name\":\"" + name + "\",\"connector\":{\"state\":\"" + state + "\",\"worker_id\":\"w1\"},"
                + "\"tasks\":[" + tasks + "],\"type\":\"source\"}");
    }
}
