package dev.cutover.bench;

import dev.cutover.engine.Cutover;
import dev.cutover.engine.Planner;
import dev.cutover.engine.Session;
import dev.cutover.engine.agent.MirrorAgentSupervisor;
import dev.cutover.engine.producers.ProducerSwitch;
import dev.cutover.engine.producers.SwitchRecord;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.Progress;
import dev.cutover.engine.gates.StepOutcome;
import dev.cutover.engine.rollback.Rollback;
import dev.cutover.sandbox.ConsumerHttpControl;
import dev.cutover.sandbox.DemoConsumer;
import dev.cutover.sandbox.Sandbox;
import dev.cutover.sandbox.ScenarioPlan;
import dev.cutover.sandbox.SimulatedProducer;
import dev.cutover.sandbox.TopicReader;
import dev.cutover.sandbox.TrafficCheck;
import dev.cutover.sandbox.TrafficReport;
import dev.cutover.state.Ledger;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/run rollback [--producers N] [--groups G] [--parallel P]}: N bridge producers and G consumer groups
 * (default 1) moved to the target under traffic, a few seconds of writes there, then the rollback as a confirmed breach
 * starts it. Prints the rollback's total time, the time spent inside the producers' and the
 * group's controls, the quiesce window on the target, and the remainder: the tool's own time
 * (target: at most 5 s). Exit 0 only if every replay id is on the source exactly once afterwards.
 */
final class RollbackBench {

    /** The class whose methods are the rollback's steps, for the profile. */
    private static final String PROFILED_CLASS = "dev.cutover.engine.rollback.Rollback";


    private RollbackBench() {
    }

    static int run(String[] args) throws Exception {
        int producers = 3;
        int groups = 1;
        Integer parallel = null; // the plan's default unless given
        boolean profile = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--producers")) {
                producers = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--groups")) {
                groups = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--parallel")) {
                parallel = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--profile")) {
                profile = true;
            } else {
                return BenchMain.usage("unknown option " + args[i]);
            }
        }
        PrintStream out = System.out;
        System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream())); // the test kit's chatter
        Path dir = Files.createTempDirectory("cutover-bench-rollback-");
        Path ledgerFile = dir.resolve("cutover.db");
        List<SimulatedProducer> fleet = new ArrayList<>();
        String table;
        boolean clean = true;
        try (Sandbox sandbox = Sandbox.start()) {
            StringBuilder yaml = new StringBuilder("producers:\n");
            List<String> topics = new ArrayList<>();
            for (int i = 0; i < producers; i++) {
                String topic = "rb.sfdc.cdc.p" + i;
                topics.add(topic);
                SimulatedProducer p = SimulatedProducer.start(sandbox, "p" + i, topic, 100);
                fleet.add(p);
                yaml.append("""
                          - name: p%1$d
                            topics: [%2$s]
                            replay-header: sfdc.replayId
                            control:
                              type: http
                              stop: %3$s/stop
                              start: "%3$s/start?bootstrap={target.bootstrap}&replayId={replayId}"
                        """.formatted(i, topic, p.url()));
            }
            List<DemoConsumer> consumers = new ArrayList<>();
            List<ConsumerHttpControl> controls = new ArrayList<>();
            try {
                yaml.append("consumers:\n");
                for (int g = 0; g < groups; g++) {
                    String group = groups == 1 ? "rb-sink" : "rb-sink-" + g;
                    DemoConsumer consumer = new DemoConsumer(group, topics);
                    consumers.add(consumer);
                    ConsumerHttpControl control = ConsumerHttpControl.start(consumer);
                    controls.add(control);
                    consumer.start(sandbox.source().bootstrapServers());
                    yaml.append("""
                              - group: %1$s
                                control:
                                  type: http
                                  stop: %2$s/stop
                                  start: "%2$s/start?bootstrap={target.bootstrap}"
                            """.formatted(group, control.uri()));
                }
                yaml.append("""
                        gates:
                          in-sync: {max-lag: 5000, timeout: 2m}
                          quiesce: {window: 1s, timeout: 20s}
                        """);
                if (parallel != null) {
                    yaml.append("  move-consumers: {parallel: " + parallel + "}\n");
                }
                Planner.plan(ScenarioPlan.write(dir, "rb", sandbox, "", yaml.toString()), ledgerFile);
                try {
                    StepOutcome last;
                    do {
                        last = step(ledgerFile);
                        System.err.println(last.gate() + ": " + last.state().label() + " in " + last.took().toMillis() + " ms");
                    } while (last.passed() && !last.gate().equals("move-consumers"));
                    if (!last.passed()) {
                        throw new IllegalStateException(last.gate() + " failed: " + last.detail());
                    }
                    Thread.sleep(3_000); // a few seconds of writes on the target, for the reverse mirror to carry back
                    java.time.Instant began = java.time.Instant.now();
                    StackSampler sampler = profile ? StackSampler.start(Thread.currentThread(), PROFILED_CLASS,
                            java.time.Duration.ofMillis(5)) : null;
                    try (Session session = Session.open(ledgerFile, "bench")) {
                        GateContext context = session.context(session.compileAsIs(), new TimedProgress("rollback"));
                        new Rollback().rollBack(context, "bench: a confirmed breach");
                    } finally {
                        if (sampler != null) {
                            sampler.close();
                            sampler.print("where the rollback's wall time went (sampled; Rollback method > innermost project frame):", 30);
                        }
                    }
                    table = table(ledgerFile, producers, groups, began);
                } finally {
                    try (Ledger ledger = Ledger.open(ledgerFile)) {
                        new MirrorAgentSupervisor(ledgerFile).stop(ledger);
                    }
                }
            } finally {
                controls.forEach(ConsumerHttpControl::close);
                consumers.forEach(DemoConsumer::close);
            }
            for (SimulatedProducer p : fleet) {
                p.drain(Duration.ofSeconds(60));
                TrafficReport report = TrafficCheck.check(p.emitted(),
                        TopicReader.readAll(sandbox.source().bootstrapServers(), p.bridge().topic()));
                clean &= report.clean();
                System.err.println(p.bridge().topic() + " on the source: " + report.summary());
                p.close();
            }
        } finally {
            System.setOut(out);
        }
        out.print(table + "every replay id on the source exactly once: " + (clean ? "yes" : "NO") + "\n");
        return clean ? 0 : 1;
    }

    private static StepOutcome step(Path ledgerFile) {
        try (Session session = Session.open(ledgerFile, "bench")) {
            return Cutover.stepper().step(session.context(session.compileFresh(), Progress.SILENT));
        }
    }

    /**
     * From the start of the rollback (the breach confirmed) to the last producer's start control
     * returning on the source: what the issue measures. What runs after (the forward mirror agent's
     * start) is left out. The groups' control time is subtracted only for one group: several go back
     * side by side, so the sum of their control times is not time the rollback waited; it stays in
     * the tool's own time, which overstates it.
     */
    @SuppressWarnings("unchecked")
    private static String table(Path ledgerFile, int producers, int groups, java.time.Instant began) {
        long controls = 0;
        long quiet = 0;
        long totalMs = 0;
        long groupsMs;
        try (Ledger ledger = Ledger.open(ledgerFile)) {
            SwitchRecord sw = SwitchRecord.read(ledger);
            for (ProducerSwitch p : sw.producers()) {
                controls += orZero(p.returnStopControlMs()) + orZero(p.returnStartControlMs());
                if (p.returnedAt() != null) {
                    totalMs = Math.max(totalMs, java.time.Duration.between(began, p.returnedAt()).toMillis());
                }
            }
            quiet = sw.timings().returnQuietMs().orElse(0L);
            Map<String, Object> mc = ledger.gate("move-consumers").evidence();
            groupsMs = number(((Map<String, Object>) mc.getOrDefault("rollback", Map.of())).get("tookMs"));
            if (groups == 1) {
                for (Object g : ((Map<String, Object>) mc.get("groups")).values()) {
                    Map<String, Object> facts = (Map<String, Object>) g;
                    controls += number(facts.get("returnStopControlMs")) + number(facts.get("returnStartControlMs"));
                }
            }
        }
        long own = totalMs - controls - quiet;
        return String.format("""
                rollback: %d producers, %d consumer group(s), after writes on the target
                | groups back on the source | breach to producers on the source | inside controls | quiesce window (target) | tool's own time | target  |
                |---------------------------|-----------------------------------|-----------------|-------------------------|-----------------|---------|
                | %,22d ms | %,30d ms | %,12d ms | %,20d ms | %,12d ms | <= 5 s: %s |
                """, producers, groups, groupsMs, totalMs, controls, quiet, own, own <= 5_000 ? "PASS" : "FAIL")
                + (groups > 1 ? "(inside controls: the producers' only; the groups' controls ran side by side and count as the tool's)\n" : "");
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
