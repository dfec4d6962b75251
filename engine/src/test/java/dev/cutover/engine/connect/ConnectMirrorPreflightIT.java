package dev.cutover.engine.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.engine.mirror.MirrorConnectors;
import dev.cutover.engine.mirror.MirrorJob;
import dev.cutover.sandbox.SandboxTest;
import dev.cutover.sandbox.connect.SandboxConnect;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Connect engine's preflight against real Kafka Connect workers beside the target: one with
 * exactly-once source support, one without. The checks ask the workers themselves (the validate
 * endpoint), so the one without is refused before anything is deployed, and nothing is created on
 * either.
 */
class ConnectMirrorPreflightIT extends SandboxTest {

    static SandboxConnect exactlyOnce;
    static SandboxConnect atLeastOnce;

    @BeforeAll
    static void startWorkers() {
        exactlyOnce = SandboxConnect.start("eos", sandbox.target().bootstrapServers(), Map.of(
                "exactly.once.source.support", "enabled", "group.id", "preflight-eos",
                "config.storage.topic", "eos-configs", "offset.storage.topic", "eos-offsets",
                "status.storage.topic", "eos-status"));
        atLeastOnce = SandboxConnect.start("alo", sandbox.target().bootstrapServers(), Map.of(
                "group.id", "preflight-alo", "config.storage.topic", "alo-configs",
                "offset.storage.topic", "alo-offsets", "status.storage.topic", "alo-status"));
    }

    @AfterAll
    static void stopWorkers() {
        if (exactlyOnce != null) {
            exactlyOnce.close();
        }
        if (atLeastOnce != null) {
            atLeastOnce.close();
        }
    }

    @Test
    void workersWithExactlyOnceSourceSupportPassAndNothingIsCreated() throws Exception {
        ConnectRestClient connect = client(exactlyOnce);

        Map<String, Object> found = ConnectMirrorPreflight.check(connect, connectors());

        assertThat(found).containsEntry("exactlyOnce", "required, accepted by the workers")
                .containsEntry("connectors", List.of("cutover-p-mirror-source", "cutover-p-mirror-checkpoint"));
        assertThat((String) found.get("version")).startsWith("4.");
        assertThat(connect.status("cutover-p-mirror-source")).isEmpty();
    }

    @Test
    void workersWithoutExactlyOnceSourceSupportAreRefusedWithTheWorkerSetting() {
        ConnectRestClient connect = client(atLeastOnce);

        assertThatThrownBy(() -> ConnectMirrorPreflight.check(connect, connectors()))
                .isInstanceOfSatisfying(ConnectMirrorRefused.class, e -> assertThat(e.remedy())
                        .startsWith("set exactly.once.source.support=enabled on every worker"))
                .hasMessageStartingWith("mirror.connect.url: the workers at " + atLeastOnce.url() + " refuse exactly-once copying");
    }

    private static ConnectRestClient client(SandboxConnect worker) {
        return new ConnectRestClient("mirror.connect.url", worker.url(), HttpClient.newHttpClient(), Duration.ofSeconds(30));
    }

    private static MirrorConnectors connectors() {
        MirrorJob job = MirrorJob.of(Map.of("bootstrap.servers", sandbox.source().bootstrapServers()),
                Map.of("bootstrap.servers", sandbox.target().bootstrapServers()), List.of("sfdc.cdc.account"),
                List.of("warehouse"), 2);
        return MirrorConnectors.forward("p", job);
    }
}
