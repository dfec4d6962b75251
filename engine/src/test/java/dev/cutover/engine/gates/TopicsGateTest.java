package dev.cutover.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.engine.clusters.ClusterClients;
import dev.cutover.engine.run.FakeTime;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.run.Progress;
import dev.cutover.plans.ClusterSpec;
import dev.cutover.plans.PlanParser;
import dev.cutover.plans.PropertyResolver;
import dev.cutover.plans.compile.ClusterSnapshot;
import dev.cutover.plans.compile.CompiledPlan;
import dev.cutover.plans.compile.PlanCompiler;
import dev.cutover.plans.compile.TopicSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The topics gate's verify on a target whose metadata converges late: given topics the gate has just
 * created, when the target's first reads do not show them (or a config) yet, then verify waits and
 * passes; when a difference stays, it fails after the deadline and names the topic. No broker: the
 * target is a fake that answers each read from a script, and the time is fake: it moves only when the
 * gate sleeps between two reads.
 */
class TopicsGateTest {

    private static final String PLAN = """
            version: 1
            name: topics-test
            clusters:
              source: {bootstrap: "old:9092"}
              target: {bootstrap: "new:9092"}
            topics: {include: ["sfdc\\\\..*"], configs: sync}
            """;

    private static final TopicSnapshot CONTACT = topic("sfdc.cdc.contact", 3, Map.of("retention.ms", "604800000"));
    private static final TopicSnapshot ORDER = topic("sfdc.pe.order", 4, Map.of());

    private final FakeTime time = new FakeTime();
    private final List<String> progress = new ArrayList<>();
    private final ClusterClients source = clients("source");
    private final ClusterClients target = clients("target");

    @AfterEach
    void closeClients() {
        source.close();
        target.close();
    }

    @Test
    void topicsAndAConfigTheTargetShowsOnlyAfterSomeReadsPass() throws Exception {
        // Missing for the first seven reads, then there without the contact's retention.ms, then as on the source.
        ScriptedTarget script = new ScriptedTarget()
                .reads(7, Map.of())
                .reads(1, Map.of(CONTACT.name(), topic(CONTACT.name(), 3, Map.of()), ORDER.name(), ORDER))
                .reads(1, Map.of(CONTACT.name(), CONTACT, ORDER.name(), ORDER));

        Map<String, Object> evidence = gate(script).verify(context());

        assertThat(evidence).containsEntry("targetReads", 9).containsEntry("convergedMs", 1_600L)
                .containsEntry("partitionsOnline", 7);
        assertThat(script.reads).isEqualTo(9);
        assertThat(script.onlineAwaitedAfterRead).isEqualTo(9);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> topics = (Map<String, Map<String, Object>>) evidence.get("topics");
        assertThat(topics.get("sfdc.cdc.contact")).containsEntry("partitions", 3)
                .containsEntry("overrides", Map.of("retention.ms", "604800000"));
        // Quiet for the first second, then a line per read that names what is still missing.
        assertThat(progress).hasSize(3).allMatch(l -> l.startsWith("topics: waiting for the target's metadata"));
        assertThat(progress.get(0)).contains("sfdc.cdc.contact is missing on the target").contains("1 s of 30 s");
        assertThat(progress.get(2)).contains("sfdc.cdc.contact: retention.ms is not set on the target, 604800000 on the source");
    }

    @Test
    void aTopicWithAnotherPartitionCountFailsAtOnceNamingIt() {
        ScriptedTarget script = new ScriptedTarget()
                .reads(1, Map.of(CONTACT.name(), CONTACT, ORDER.name(), topic(ORDER.name(), 2, Map.of())));

        assertThatThrownBy(() -> gate(script).verify(context()))
                .isInstanceOf(GateFailedException.class)
                .hasMessageStartingWith("the target topics differ from the source: "
                        + "sfdc.pe.order: 2 partitions on the target, 4 on the source")
                .satisfies(e -> assertThat(((GateFailedException) e).evidence())
                        .containsEntry("differences", List.of("sfdc.pe.order: 2 partitions on the target, 4 on the source"))
                        .containsEntry("targetReads", 1));
        assertThat(time.elapsed()).as("no wait for what cannot converge").isZero();
        assertThat(script.onlineAwaitedAfterRead).isZero();
    }

    @Test
    void aTopicThatNeverAppearsAndAConfigThatStaysDifferentFailNamingBoth() {
        ScriptedTarget script = new ScriptedTarget()
                .reads(1, Map.of(ORDER.name(), ORDER))
                .reads(1, Map.of(CONTACT.name(), topic(CONTACT.name(), 3, Map.of("retention.ms", "86400000"))));

        assertThatThrownBy(() -> gate(script).verify(context()))
                .isInstanceOf(GateFailedException.class)
                .hasMessageContaining("sfdc.cdc.contact: retention.ms is 86400000 on the target, 604800000 on the source")
                .hasMessageContaining("sfdc.pe.order is missing on the target")
                .hasMessageEndingWith("(still after 151 reads in 30 s)");
        assertThat(time.elapsed()).as("a read every 200 ms until the deadline").isEqualTo(TopicsGate.CONVERGENCE_TIMEOUT);
        assertThat(script.onlineAwaitedAfterRead).isZero();
    }

    private TopicsGate gate(ScriptedTarget script) {
        return new TopicsGate(script);
    }

    private GateContext context() throws Exception {
        ClusterSnapshot src = new ClusterSnapshot("src", 1, Map.of(CONTACT.name(), CONTACT, ORDER.name(), ORDER), Map.of());
        ClusterSnapshot tgt = new ClusterSnapshot("tgt", 3, Map.of(), Map.of());
        CompiledPlan compiled = PlanCompiler.compile(PlanParser.parse(PLAN, "topics-test.yaml"), src, tgt);
        return new GateContext(compiled, source, target, null, null, time, new Progress() {
            @Override
            public void update(String line) {
                progress.add(line);
            }

            @Override
            public void note(String line) {
                progress.add(line);
            }
        });
    }

    private static ClusterClients clients(String role) {
        // Never connects: the scripted metadata stands in for every read.
        return ClusterClients.of(role, new ClusterSpec(role + ":9092", Map.of()), new PropertyResolver());
    }

    private static TopicSnapshot topic(String name, int partitions, Map<String, String> overrides) {
        return new TopicSnapshot(name, partitions, (short) 1, overrides);
    }

    /** The source as planned; the target answers its n-th read from a script, repeating the last answer. */
    private static final class ScriptedTarget implements TopicMetadata {

        private final List<Map<String, TopicSnapshot>> answers = new ArrayList<>();
        int reads;
        int onlineAwaitedAfterRead;

        ScriptedTarget reads(int times, Map<String, TopicSnapshot> answer) {
            answers.addAll(Collections.nCopies(times, answer));
            return this;
        }

        @Override
        public Map<String, TopicSnapshot> source(ClusterClients source, Collection<String> names) {
            Map<String, TopicSnapshot> result = new TreeMap<>();
            List.of(CONTACT, ORDER).stream().filter(t -> names.contains(t.name())).forEach(t -> result.put(t.name(), t));
            return result;
        }

        @Override
        public Map<String, TopicSnapshot> target(ClusterClients target, Collection<String> names) {
            Map<String, TopicSnapshot> answer = answers.get(Math.min(reads, answers.size() - 1));
            reads++;
            return answer;
        }

        @Override
        public int awaitOnline(ClusterClients target, Collection<TopicSnapshot> topics) {
            onlineAwaitedAfterRead = reads;
            return topics.stream().mapToInt(TopicSnapshot::partitions).sum();
        }
    }
}
