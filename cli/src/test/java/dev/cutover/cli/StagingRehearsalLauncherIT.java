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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code cutover rehearse PLAN.yaml} on two clusters standing in for staging (brokers in processes
 * of their own), with a simulated Salesforce bridge and a consumer group as the users' apps, reached
 * only through the plan's controls: the rehearsal runs the gates through observe, rolls back, and
 * its checks (read from the clusters) hold; with a producer control that cannot start the producer on
 * the target, the gates and the rollback fail, loudly, naming the control and what it answered.
 */
class StagingRehearsalLauncherIT extends ChildProcessClustersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRehearsalWithAForcedBreachRollsBackByItselfAndEveryCheckHolds() throws Exception {
        String topic = "stg.sfdc.cdc.account";
        String group = "stg-sink";
        try (SimulatedProducer producer = SimulatedProducer.start(sandbox, "account-cdc", topic, 100);
             DemoConsumer consumer = new DemoConsumer(group, List.of(topic));
             ConsumerHttpControl control = ConsumerHttpControl.start(consumer)) {
            consumer.start(sandbox.source().bootstrapServers());
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.consumedCount() > 50);
            Path plan = writePlan("stg", ScenarioPlan.httpProducerAndGroup(topic, producer, group, control), group);

            Launcher.Run text = Launcher.run(dir, Duration.ofMinutes(4), "rehearse", plan.toString(), "--breach", "sink-lag",
                    "--cleanup");
            System.out.println(text); // for the README's example
            text.assertExit(0).assertCleanStderr();
            assertThat(text.out()).contains("Rehearsal on the plan's clusters, ending in the rollback after a breach forced on sink-lag")
                    .contains("  ok    gates through observe: breach forced on sink-lag; preflight passed")
                    .contains("observe rolled-back")
                    .contains("  ok    rollback: the automatic rollback after the breach")
                    .contains("  ok    producer account-cdc: its records on the source before the switch are on the target")
                    .contains("  ok    producer account-cdc: its records on the target reached the source")
                    .contains("  ok    producer account-cdc: writes on the source again")
                    .contains("  ok    producer account-cdc: replay ids once on the source")
                    .containsPattern("  ok    group " + group + ": back on the source where it was on the target: 3 of 3 partition\\(s\\) "
                            + "committed back at exactly the record their target position stands for")
                    .doesNotContain("FAIL").containsPattern("Readiness: (\\d+) of \\1 checks held\\.")
                    .contains("deleted on the target: groups [" + group + "]")
                    .contains("based on: staging rehearsal of plan stg (fingerprint ").containsPattern("  green   Rollback       rolled back ")
                    .containsPattern("deleted on the target: topics \\[.*" + topic.replace(".", "\\.") + ".*\\]");

            assertThat(producer.bridge().bootstrap()).isEqualTo(sandbox.source().bootstrapServers());
            assertThat(consumer.bootstrap()).isEqualTo(sandbox.source().bootstrapServers());

            // Run again, in JSON, without a breach: the ledger of the finished rehearsal is replaced, and the
            // target, cleaned up, takes the copy again from the start.
            Launcher.Run json = Launcher.run(dir, Duration.ofMinutes(4), "rehearse", plan.toString(), "--output", "json");
            json.assertExit(0).assertCleanStderr();
            JsonNode doc = JSON.readTree(json.out());
            assertThat(doc.get("rehearsal").asText()).isEqualTo("staging");
            assertThat(doc.get("passed").asBoolean()).isTrue();
            List<JsonNode> checks = StreamSupport.stream(doc.get("checks").spliterator(), false).toList();
            assertThat(checks).extracting(c -> c.get("passed").asBoolean()).containsOnly(true);
            JsonNode reverse = checks.stream().filter(c -> c.get("name").asText().endsWith("its records on the target reached the source"))
                    .findFirst().orElseThrow();
            assertThat(reverse.get("evidence").get(topic + "-0").get("exact").asBoolean()).isTrue();
            assertThat(checks.stream().filter(c -> c.get("name").asText().equals("rollback")).findFirst().orElseThrow()
                    .get("detail").asText()).startsWith("asked for, ");
            assertThat(doc.get("left").get(0).asText()).startsWith("left on the target (made by this rehearsal): topics [")
                    .contains(topic).contains("groups [" + group + "]");

            // The users' view agrees, after both: every event on the source once and in order, the producer and the group there.
            assertThat(producer.bridge().bootstrap()).isEqualTo(sandbox.source().bootstrapServers());
            assertThat(consumer.bootstrap()).isEqualTo(sandbox.source().bootstrapServers());
            producer.drain(Duration.ofSeconds(60));
            TrafficReport onSource = TrafficCheck.check(producer.emitted(), TopicReader.readAll(sandbox.source().bootstrapServers(), topic));
            assertThat(onSource.clean()).as(onSource.summary()).isTrue();
        }
    }

    @Test
    void aProducerControlThatCannotStartTheProducerFailsTheGatesAndTheRollbackChecksNamingIt() throws Exception {
        String topic = "brk.sfdc.cdc.account";
        String group = "brk-sink";
        try (SimulatedProducer producer = SimulatedProducer.start(sandbox, "account-cdc", topic, 100);
             DemoConsumer consumer = new DemoConsumer(group, List.of(topic));
             ConsumerHttpControl control = ConsumerHttpControl.start(consumer)) {
            consumer.start(sandbox.source().bootstrapServers());
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.consumedCount() > 50);
            // The producer's own control answers, but not on that path: 404, as with a start URL mistyped.
            String broken = ScenarioPlan.httpProducerAndGroup(topic, producer, group, control)
                    .replace(producer.url() + "/start?", producer.url() + "/no-such-control?");
            Path plan = writePlan("brk", broken, group);

            Launcher.Run run = Launcher.run(dir, Duration.ofMinutes(4), "rehearse", plan.toString());
            System.out.println(run);
            run.assertExit(1).assertCleanStderr();
            // One start URL for both clusters: the put-back on the source fails the same way, and the
            // rehearsal says so (the producer stays stopped until its control is fixed).
            assertThat(run.out()).contains("  FAIL  gates through observe: ").contains("switch-producers failed (could not start "
                            + "producer account-cdc on the target: producers.account-cdc.control.start: POST")
                    .contains("answered 404")
                    .contains("  FAIL  rollback: the rollback stopped: producers not back on the source")
                    .contains("  ok    producer account-cdc: its records on the source before the switch are on the target")
                    .contains("  FAIL  producer account-cdc: writes on the source again: no event on the source after the copies of "
                            + "its target writes, and not waited for")
                    .contains("NOT READY.");
            assertThat(consumer.bootstrap()).as("the group never moved").isEqualTo(sandbox.source().bootstrapServers());
        }
    }

    private Path writePlan(String prefix, String apps, String group) {
        return ScenarioPlan.write(dir, prefix, sandbox, "", apps + """
            gates:
              in-sync: {max-lag: 5000, timeout: 90s}
              quiesce: {window: 1s, timeout: 20s}
              observe: {duration: 4s}
            rollback:
              automatic: true
              triggers:
                - {name: sink-lag, when: consumer-lag, group: %s, above: 1000000, for: 1s}
            """.formatted(group));
    }
}
