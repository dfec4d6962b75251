package dev.cutover.engine.producers;

import dev.cutover.engine.gates.SwitchProducersGate;
import dev.cutover.engine.run.FakeTime;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.Progress;
import dev.cutover.plans.GateName;
import dev.cutover.plans.PlanParser;
import dev.cutover.plans.compile.ClusterSnapshot;
import dev.cutover.plans.compile.CompiledPlan;
import dev.cutover.plans.compile.PlanCompiler;
import dev.cutover.plans.compile.TopicSnapshot;
import dev.cutover.state.Ledger;
import dev.cutover.state.StoredPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * N producers on fake clusters with a fake mirror, a real ledger file and fake time: the switch
 * and its return run in milliseconds, with no broker. Quiesce window 1 s, timeout 5 s.
 */
final class SwitchWorldFixture implements AutoCloseable {

    final FakeTime time = new FakeTime();
    final FakeKafka kafka = new FakeKafka();
    final Ledger ledger;
    final FakeMirror mirror;
    final Map<String, FakeProducer> producers = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    private final CompiledPlan compiled;

    SwitchWorldFixture(Path dir, String... names) throws Exception {
        StringBuilder yaml = new StringBuilder("""
                version: 1
                name: switch-test
                clusters:
                  source: {bootstrap: "old:9092"}
                  target: {bootstrap: "new:9092"}
                topics: {include: ["sfdc\\\\..*"]}
                producers:
                """);
        Map<String, TopicSnapshot> topics = new LinkedHashMap<>();
        for (String name : names) {
            String topic = "sfdc.cdc." + name;
            topics.put(topic, new TopicSnapshot(topic, 1, (short) 1, Map.of()));
            yaml.append("""
                      - name: %1$s
                        topics: [%2$s]
                        replay-header: sfdc.replayId
                        control: {type: http, stop: "http://%1$s/stop", start: "http://%1$s/start?replayId={replayId}"}
                    """.formatted(name, topic));
        }
        yaml.append("""
                gates:
                  quiesce: {window: 1s, timeout: 5s}
                  in-sync: {timeout: 30s}
                """);
        compiled = PlanCompiler.compile(PlanParser.parse(yaml.toString(), "switch-test.yaml"),
                new ClusterSnapshot("src", 1, topics, Map.of()), new ClusterSnapshot("tgt", 1, Map.of(), Map.of()));
        ledger = Ledger.open(dir.resolve("cutover.db"));
        ledger.storePlan(new StoredPlan("switch-test", compiled.fingerprint(), "switch-test.yaml", yaml.toString(), null),
                Arrays.stream(GateName.values()).map(GateName::label).toList());
        mirror = new FakeMirror(kafka, ledger);
        for (String name : names) {
            producers.put(name, new FakeProducer(name, "sfdc.cdc." + name, kafka, time));
        }
    }

    /** Some traffic before the switch, copied by the forward mirror as in-sync left it. */
    SwitchWorldFixture withTraffic(int ticks) throws Exception {
        for (int i = 0; i < ticks; i++) {
            time.sleep(java.time.Duration.ofMillis(10));
        }
        mirror.drain(dev.cutover.state.MirrorDirection.FORWARD, kafka.partitions(topics()), java.time.Duration.ZERO);
        mirror.calls.clear();
        return this;
    }

    FakeProducer producer(String name) {
        return producers.get(name);
    }

    List<String> topics() {
        return producers.values().stream().map(FakeProducer::topic).toList();
    }

    SwitchProducersGate gate() {
        return new SwitchProducersGate(context -> new SwitchWorld(new LinkedHashMap<>(producers), kafka, mirror));
    }

    GateContext context() {
        return new GateContext(compiled, null, null, ledger, null, time, new Progress() {
            @Override
            public void update(String line) {
            }

            @Override
            public synchronized void note(String line) {
                notes.add(line);
            }
        });
    }

    SwitchRecord record() {
        return SwitchRecord.read(ledger, producers.keySet());
    }

    @Override
    public void close() {
        ledger.close();
    }
}
