package dev.cutover.engine.producers.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.engine.connect.ConnectRestClient;
import dev.cutover.engine.connect.FakeConnect;
import dev.cutover.engine.connect.FakeConnect.Reply;
import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.controls.ControlException;
import dev.cutover.plans.ConnectControl;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The REST errors Connect answers, each turned into a message that says what to do. */
class ConnectRestClientTest {

    private static final String REBALANCING = "{\"error_code\":409,\"message\":"
            + "\"Cannot complete request because of a conflicting operation (e.g. worker rebalance)\"}";

    private final FakeConnect fake = new FakeConnect();

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private ConnectRestClient client(Duration conflictDeadline) {
        return new ConnectRestClient("producers.p.control.source-url", fake.url(), HttpClient.newHttpClient(),
                conflictDeadline);
    }

    @Test
    void aRebalanceIsWaitedOutWithBackoff() throws Exception {
        fake.on("PUT /connectors/c/stop", new Reply(409, REBALANCING), new Reply(409, REBALANCING), new Reply(202, ""));

        client(Duration.ofSeconds(10)).stop("c");

        assertThat(fake.calls("PUT /connectors/c/stop")).isEqualTo(3);
    }

    @Test
    void aLeaderThatJustLeftIsWaitedOutLikeARebalance() throws Exception {
        // What a worker answers while the others still name a stopped worker as the leader (seen in CI).
        fake.on("PUT /connectors/c/config", new Reply(500, "{\"error_code\":500,\"message\":\"IO Error trying to "
                + "forward REST request: java.net.ConnectException: Connection refused\"}"), new Reply(201, "{}"));

        client(Duration.ofSeconds(10)).putConfig("c", Map.of("connector.class", "X"));

        assertThat(fake.calls("PUT /connectors/c/config")).isEqualTo(2);
    }

    @Test
    void anotherServerErrorIsNotRetried() {
        fake.on("PUT /connectors/c/config", new Reply(500, "{\"error_code\":500,\"message\":\"boom\"}"));

        assertThatThrownBy(() -> client(Duration.ofSeconds(10)).putConfig("c", Map.of("connector.class", "X")))
                .isInstanceOf(ControlException.class).hasMessageContaining("boom");
        assertThat(fake.calls("PUT /connectors/c/config")).isEqualTo(1);
    }

    @Test
    void aRebalanceThatOutlastsTheDeadlineFailsSayingSo() {
        fake.on("PUT /connectors/c/resume", new Reply(409, REBALANCING));

        assertThatThrownBy(() -> client(Duration.ofMillis(500)).resume("c"))
                .isInstanceOf(ControlException.class)
                .hasMessageContaining("producers.p.control.source-url: PUT " + fake.url() + "/connectors/c/resume")
                .hasMessageContaining("still answered 409 after PT0.5S (a rebalance in progress")
                .hasMessageContaining("conflicting operation (e.g. worker rebalance)");
    }

    @Test
    void aMissingConnectorIsNamedWithTheUrl() {
        assertThatThrownBy(() -> client(Duration.ofSeconds(1)).offsets("nope"))
                .isInstanceOf(ControlException.class)
                .hasMessageStartingWith("producers.p.control.source-url: connector 'nope' does not exist on " + fake.url())
                .hasMessageContaining("check the connector name and the URL");
    }

    @Test
    void offsetsWrittenToARunningConnectorAreRefusedWithTheReason() {
        fake.on("PATCH /connectors/c/offsets", new Reply(400, "{\"error_code\":400,\"message\":"
                + "\"Connectors must be in the STOPPED state before their offsets can be modified.\"}"));

        assertThatThrownBy(() -> client(Duration.ofSeconds(1)).alterOffsets("c", "{\"offsets\":[]}"))
                .isInstanceOf(ControlException.class)
                .hasMessageContaining("answered 400: Connectors must be in the STOPPED state")
                .hasMessageContaining("the connector must be STOPPED, with no task left");
    }

    @Test
    void creatingAConnectorThatExistsIsNotAnError() throws Exception {
        fake.on("POST /connectors", new Reply(409, "{\"error_code\":409,\"message\":\"Connector c already exists\"}"));

        assertThat(client(Duration.ofSeconds(5)).createStopped("c", Map.of("connector.class", "X"))).isFalse();
        assertThat(fake.calls("POST /connectors")).as("not retried as a rebalance").isEqualTo(1);
    }

    @Test
    void aConnectClusterTooOldForTheOffsetsApiIsRefusedBeforeAnythingChanges() {
        fake.on("GET /", new Reply(200, "{\"version\":\"3.5.1\",\"commit\":\"abc\",\"kafka_cluster_id\":\"k\"}"));
        ConnectProducerControl control = new ConnectProducerControl("account-cdc",
                new ConnectControl(fake.url(), fake.url(), "c"), Duration.ofSeconds(1));

        assertThatThrownBy(() -> control.stop(dev.cutover.engine.controls.ClusterSide.SOURCE))
                .isInstanceOf(ControlException.class)
                .hasMessage("producers.account-cdc.control: Moving a connector's offsets needs Kafka Connect 3.6 or "
                        + "later; source-url (" + fake.url() + ") runs 3.5.1");
        assertThat(fake.log()).containsExactly("GET /");
    }
}
