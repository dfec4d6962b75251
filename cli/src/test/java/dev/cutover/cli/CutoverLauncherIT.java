package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.sandbox.ConsumerHttpControl;
import dev.cutover.sandbox.DemoConsumer;
import dev.cutover.sandbox.ScenarioPlan;
import dev.cutover.sandbox.SimulatedProducer;
import dev.cutover.sandbox.TopicReader;
import dev.cutover.sandbox.TrafficCheck;
import dev.cutover.sandbox.TrafficReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * A whole cutover through the packaged launcher, one command after another as a platform team runs
 * it, against real clusters with a simulated Salesforce producer and a consumer group under traffic:
 * what each command prints, its exit code, and what the clusters hold afterwards. Each broker runs
 * in a JVM of its own, as in production: cutover, its mirror agent and the brokers are all separate
 * processes. A fresh pair per test: after a rollback, a shared pair's next producer was seen to
 * stall (see FreshSandboxTest).
 */
class CutoverLauncherIT extends ChildProcessClustersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fromPlanToDoneInTextAsAUserReadsIt() throws Exception {
        String topic = "fin.sfdc.cdc.account";
        String group = "fin-sink";
        try (SimulatedProducer producer = SimulatedProducer.start(sandbox, "account-cdc", topic, 100);
             DemoConsumer consumer = new DemoConsumer(group, List.of(topic));
             ConsumerHttpControl control = ConsumerHttpControl.start(consumer)) {
            consumer.start(sandbox.source().bootstrapServers());
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.consumedCount() > 50);
            Path plan = writePlan("fin", topic, group, producer, control);

            Launcher.Run planned = Launcher.run(dir, "plan", plan.toString()).assertExit(0).assertCleanStderr();
            assertThat(planned.out()).contains("cutover plan fin").contains("Legend: + create")
                    .contains("  + " + topic + "  3 partitions").contains("account-cdc -> " + topic)
                    .contains("8. finalize").contains("Plan: 1 to create, 0 to change, 0 conflicts. Nothing was changed on any cluster.")
                    .contains("Next: cutover step");

            Launcher.Run before = Launcher.run(dir, "status").assertExit(0).assertCleanStderr();
            assertThat(before.out()).contains("planned").containsPattern("preflight\\s+pending").containsPattern("finalize\\s+pending");

            Launcher.Run step = Launcher.run(dir, "step").assertExit(0).assertCleanStderr();
            assertThat(step.out()).startsWith("preflight: passed in ");

            Launcher.Run untilInSync = Launcher.run(dir, "run", "--until", "in-sync").assertExit(0).assertCleanStderr();
            assertThat(untilInSync.out().lines().map(l -> l.replaceAll(" in \\d+ ms.*", "")).toList())
                    .containsExactly("topics: passed", "mirror: passed", "in-sync: passed");

            Launcher.Run watch = Launcher.run(dir, "watch", "--for", "2s").assertExit(0).assertCleanStderr();
            assertThat(watch.out()).contains("sink-lag");

            Launcher.Run rest = Launcher.run(dir, "run").assertExit(0).assertCleanStderr();
            System.out.println(planned + "\n" + untilInSync + "\n" + watch + "\n" + rest); // for the README's examples
            assertThat(rest.out()).contains("switch-producers: passed", "move-consumers: passed", "observe: passed",
                    "finalize: passed");
            assertThat(rest.err()).contains("finalize: mirror agent stopped");

            Launcher.Run done = Launcher.run(dir, "status").assertExit(0).assertCleanStderr();
            assertThat(done.out()).contains("done").containsPattern("finalize\\s+passed").contains("positions")
                    .containsPattern("producer\\s+account-cdc\\s+" + topic.replace(".", "\\."));
            JsonNode status = JSON.readTree(Launcher.run(dir, "status", "--output", "json").assertExit(0).out());
            assertThat(status.get("state").asText()).isEqualTo("done");
            JsonNode finalize = status.get("gates").get(7);
            assertThat(finalize.get("name").asText()).isEqualTo("finalize");
            assertThat(finalize.get("evidence").get("reached").asText()).isEqualTo("REPORTED");
            assertThat(finalize.get("evidence").get("mirrorTopicsRemoved")).hasSize(2);
            long agentPid = status.get("agent").get("pid").asLong();
            assertThat(ProcessHandle.of(agentPid).filter(ProcessHandle::isAlive)).as("mirror agent " + agentPid).isEmpty();

            Path report = dir.resolve("cutover.db.report.md");
            assertThat(Files.readString(report)).startsWith("# Cutover report: fin").contains("| account-cdc | VERIFIED |")
                    .contains("| " + group + " | VERIFIED | 3 |");
            try (Admin admin = sandbox.target().admin()) {
                Set<String> topics = admin.listTopics().names().get();
                assertThat(topics).contains(topic).doesNotContain("mm2-offset-syncs.source.internal", "source.checkpoints.internal");
            }

            Launcher.Run rollback = Launcher.run(dir, "rollback").assertExit(4).assertCleanStderr();
            assertThat(rollback.out()).isEmpty();
            assertThat(rollback.err()).contains("error: the cutover is finalized: a rollback would lose data")
                    .contains("fix: to go back, plan a new cutover with the clusters swapped");
            assertThat(Launcher.run(dir, "step").assertExit(0).out()).isEqualTo("every gate has passed\n");

            // The users' view: every event on the target exactly once and in order, read by the group exactly once.
            assertThat(producer.bridge().bootstrap()).isEqualTo(sandbox.target().bootstrapServers());
            producer.drain(Duration.ofSeconds(60));
            TrafficReport onTarget = TrafficCheck.check(producer.emitted(), TopicReader.readAll(sandbox.target().bootstrapServers(), topic));
            assertThat(onTarget.clean()).as(onTarget.summary()).isTrue();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                TrafficReport read = TrafficCheck.check(producer.emitted(), Records.consumed(consumer, topic));
                assertThat(read.clean()).as("consumer " + read.summary()).isTrue();
            });
        }
    }

    @Test
    void aRollbackInJsonPutsEverythingBackOnTheSource() throws Exception {
        String topic = "rbj.sfdc.cdc.account";
        String group = "rbj-sink";
        try (SimulatedProducer producer = SimulatedProducer.start(sandbox, "account-cdc", topic, 100);
             DemoConsumer consumer = new DemoConsumer(group, List.of(topic));
             ConsumerHttpControl control = ConsumerHttpControl.start(consumer)) {
            consumer.start(sandbox.source().bootstrapServers());
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.consumedCount() > 50);
            Path plan = writePlan("rbj", topic, group, producer, control);

            JsonNode planned = JSON.readTree(Launcher.run(dir, "plan", plan.toString(), "--output", "json").assertExit(0)
                    .assertCleanStderr().out());
            assertThat(planned.toString()).contains(topic);
            Launcher.Run forward = Launcher.run(dir, "run", "--until", "move-consumers", "--output", "json").assertExit(0)
                    .assertCleanStderr();
            JsonNode steps = JSON.readTree(forward.out()).get("steps");
            assertThat(steps.findValuesAsText("gate")).containsExactly("preflight", "topics", "mirror", "in-sync",
                    "switch-producers", "move-consumers");
            assertThat(steps.findValuesAsText("state")).containsOnly("passed");
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.consumed().stream()
                    .filter(r -> r.bootstrap().equals(sandbox.target().bootstrapServers())).count() > 20);

            Launcher.Run rollback = Launcher.run(dir, "rollback", "--output", "json").assertExit(3).assertCleanStderr();
            JsonNode doc = JSON.readTree(rollback.out());
            assertThat(doc.get("rolledBack").toString()).contains("switch-producers", "move-consumers");
            assertThat(JSON.readTree(Launcher.run(dir, "status", "--output", "json").out()).get("state").asText())
                    .isEqualTo("rolled-back");

            assertThat(producer.bridge().bootstrap()).isEqualTo(sandbox.source().bootstrapServers());
            assertThat(consumer.bootstrap()).isEqualTo(sandbox.source().bootstrapServers());
            producer.drain(Duration.ofSeconds(60));
            TrafficReport onSource = TrafficCheck.check(producer.emitted(), TopicReader.readAll(sandbox.source().bootstrapServers(), topic));
            assertThat(onSource.clean()).as(onSource.summary()).isTrue();
        }
    }

    private Path writePlan(String prefix, String topic, String group, SimulatedProducer producer, ConsumerHttpControl control) {
        return ScenarioPlan.write(dir, prefix, sandbox, "", ScenarioPlan.httpProducerAndGroup(topic, producer, group, control) + """
            gates:
              in-sync: {max-lag: 5000, timeout: 90s}
              quiesce: {window: 1s, timeout: 20s}
              observe: {duration: 3s}
            rollback:
              automatic: false
              triggers:
                - {name: sink-lag, when: consumer-lag, group: %s, above: 1000000, for: 5s}
            """.formatted(group));
    }
}
