package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.Sandbox;
import dev.cutover.sandbox.connect.SandboxConnect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mirror.engine: connect} through the packaged launcher, brokers in their own processes and a
 * real Kafka Connect worker beside the target that lacks exactly-once source support: `plan` shows the
 * two connectors it will deploy (the secret only as the plan's placeholder), and `step` refuses at
 * preflight with the worker setting to change, deploying nothing.
 */
class ConnectEngineLauncherIT {

    private static final String TOPIC = "conn.sfdc.cdc.account";
    private static final String SECRET = "Basic c2VjcmV0LXVzZXI6czNjcjN0";

    static Sandbox sandbox;
    static SandboxConnect connect;

    @TempDir
    Path dir;

    @BeforeAll
    static void startClustersAndWorker() {
        sandbox = Sandbox.startInChildProcesses();
        sandbox.source().createTopic(TOPIC, 3);
        connect = SandboxConnect.start("conn", sandbox.target().bootstrapServers(), Map.of());
    }

    @AfterAll
    static void stop() {
        try {
            if (connect != null) {
                connect.close();
            }
        } finally {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }

    @Test
    void planShowsTheConnectorsAndPreflightRefusesWorkersWithoutExactlyOnce() throws Exception {
        Path secret = dir.resolve("connect-auth");
        Files.writeString(secret, SECRET + "\n");
        Path plan = dir.resolve("conn.yaml");
        Files.writeString(plan, """
                version: 1
                name: conn
                clusters:
                  source: {bootstrap: "%s"}
                  target: {bootstrap: "%s"}
                topics: {include: ["conn\\\\.sfdc\\\\..*"]}
                mirror:
                  engine: connect
                  connect:
                    url: %s
                    headers: {Authorization: "${file:%s}"}
                  tasks: 3
                """.formatted(sandbox.source().bootstrapServers(), sandbox.target().bootstrapServers(), connect.url(), secret));

        Launcher.Run planned = Launcher.run(dir, "plan", plan.toString()).assertExit(0).assertCleanStderr();

        assertThat(planned.out())
                .contains("Mirror (MirrorMaker 2 on Kafka Connect at " + connect.url())
                .contains("  + connector cutover-conn-mirror-checkpoint\n")
                .contains("  + connector cutover-conn-mirror-source\n")
                .contains("      exactly.once.support = required\n")
                .contains("      tasks.max = 3\n")
                .contains("      topics = \\Q" + TOPIC + "\\E\n")
                .doesNotContain(SECRET);
        Launcher.Run json = Launcher.run(dir, "plan", plan.toString(), "--output", "json").assertExit(0);
        assertThat(json.out()).contains("\"engine\" : \"connect\"").contains("\"name\" : \"cutover-conn-mirror-source\"");

        Launcher.Run step = Launcher.run(dir, "step").assertExit(1).assertCleanStderr();

        assertThat(step.out()).startsWith("preflight: failed")
                .contains("the workers at " + connect.url() + " refuse exactly-once copying")
                .contains("  fix: set exactly.once.source.support=enabled on every worker")
                .doesNotContain(SECRET);
        assertThat(step.err()).doesNotContain(SECRET);
        assertThat(connectors()).as("nothing deployed").isEqualTo("[]");
        Launcher.Run status = Launcher.run(dir, "status").assertExit(0);
        assertThat(status.out()).contains("preflight").contains("failed");
    }

    private static String connectors() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(connect.url() + "/connectors")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.body();
    }
}
