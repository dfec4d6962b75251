package dev.cutover.engine.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.engine.connect.ConnectRestClient;
import dev.cutover.engine.connect.FakeConnect;
import dev.cutover.engine.connect.FakeConnect.Reply;
import dev.cutover.engine.mirror.MirrorConnectors;
import dev.cutover.engine.mirror.MirrorJob;
import dev.cutover.engine.run.GateFailedException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the mirror and in-sync gates see of MirrorMaker 2 on Connect while they wait, on answers a real
 * worker gives only now and then: a failed task fails the gate with Connect's reason and the restart to
 * make; a Connect that does not answer for a while is waited out, the copy as last seen; a connector
 * deleted behind cutover's back is deployed again.
 */
class ConnectCopyTest {

    private static final String STATUS = "GET /connectors/cutover-p-mirror-source/status";
    private static final String OFFSETS = "GET /connectors/cutover-p-mirror-source/offsets";
    private static final String RUNNING = """
            {"name":"cutover-p-mirror-source","connector":{"state":"RUNNING","worker_id":"w1:8083"},
             "tasks":[{"id":0,"state":"RUNNING","worker_id":"w1:8083"}],"type":"source"}""";
    private static final Reply UNAVAILABLE = new Reply(503, "{\"error_code\":503,\"message\":\"worker restarting\"}");

    private final FakeConnect fake = new FakeConnect();
    private final ConnectCopy copy = new ConnectCopy(null,
            new ConnectRestClient("mirror.connect.url", fake.url(), HttpClient.newHttpClient(), Duration.ofMillis(200)),
            MirrorConnectors.forward("p", MirrorJob.of(Map.of("bootstrap.servers", "old:9092"),
                    Map.of("bootstrap.servers", "new:9092"), List.of("t"), List.of(), 1)));

    @AfterEach
    void close() {
        fake.close();
    }

    @Test
    void aFailedTaskFailsTheGateWithConnectsReasonAndTheRestartToMake() {
        fake.on(STATUS, new Reply(200, """
                {"name":"cutover-p-mirror-source","connector":{"state":"RUNNING"},
                 "tasks":[{"id":0,"state":"FAILED","worker_id":"w1:8083","trace":"org.apache.kafka.common.errors.TopicAuthorizationException: Not authorized\\n\\tat x"}]}"""));

        assertThatThrownBy(copy::keepCopying).isInstanceOfSatisfying(GateFailedException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("MirrorMaker 2 on " + fake.url()
                    + ": cutover-p-mirror-source: task 0 FAILED: org.apache.kafka.common.errors.TopicAuthorizationException: Not authorized");
            assertThat(e.remedy()).contains("POST " + fake.url() + "/connectors/cutover-p-mirror-source/restart?includeTasks=true&onlyFailed=true");
        });
    }

    @Test
    void aConnectThatDoesNotAnswerForAWhileIsWaitedOutWithTheCopyAsLastSeen() throws Exception {
        fake.on(STATUS, new Reply(200, RUNNING), UNAVAILABLE, new Reply(200, RUNNING));
        fake.on(OFFSETS, new Reply(200, """
                {"offsets":[{"partition":{"cluster":"source","partition":0,"topic":"t"},"offset":{"offset":41}}]}"""), UNAVAILABLE);

        assertThat(copy.keepCopying().summary()).isEqualTo("connector RUNNING, tasks [0 RUNNING]");
        assertThat(copy.copied()).isEqualTo(Map.of(new TopicPartition("t", 0), 42L));

        ForwardCopy.CopyHealth silent = copy.keepCopying();
        assertThat(silent.summary()).startsWith("Connect did not answer (").contains("503: worker restarting").endsWith("; looking again");
        assertThat(silent.restarted()).isFalse();
        assertThat(copy.copied()).isEqualTo(Map.of(new TopicPartition("t", 0), 42L));
        assertThat(copy.keepCopying().summary()).isEqualTo("connector RUNNING, tasks [0 RUNNING]");
    }

    @Test
    void aConnectorJustCreatedWhoseStatusConnectDoesNotReportYetIsWaitedFor() throws Exception {
        fake.on(STATUS, new Reply(404, "{\"error_code\":404,\"message\":\"No status found for connector cutover-p-mirror-source\"}"));
        fake.on("GET /connectors/cutover-p-mirror-source", new Reply(200, "{\"name\":\"cutover-p-mirror-source\"}"));

        ForwardCopy.CopyHealth health = copy.keepCopying();

        assertThat(health.restarted()).isFalse();
        assertThat(health.summary()).isEqualTo("connector cutover-p-mirror-source created, not started yet");
        assertThat(fake.calls("PUT /connectors/cutover-p-mirror-source/config")).isZero();
    }

    @Test
    void aConnectorDeletedBehindCutoversBackIsDeployedAgain() throws Exception {
        fake.on(STATUS, new Reply(404, "{\"error_code\":404,\"message\":\"Connector cutover-p-mirror-source not found\"}"));
        fake.on("PUT /connectors/cutover-p-mirror-source/config", new Reply(201, "{}"));

        ForwardCopy.CopyHealth health = copy.keepCopying();

        assertThat(health.restarted()).isTrue();
        assertThat(health.summary()).isEqualTo("connector cutover-p-mirror-source was gone; deployed it again");
        assertThat(fake.calls("PUT /connectors/cutover-p-mirror-source/config")).isEqualTo(1);
    }
}
