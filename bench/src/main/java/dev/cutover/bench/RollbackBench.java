package dev.cutover.bench;

import dev.cutover.engine.Cutover;
import dev.cutover.engine.Planner;
import dev.cutover.engine.Session;
import dev.cutover.engine.agent.MirrorAgentSupervisor;
import dev.cutover.engine.gates.StepOutcome;
import dev.cutover.engine.producers.ProducerSwitch;
import dev.cutover.engine.producers.SwitchRecord;
import dev.cutover.engine.rollback.Rollback;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.Progress;
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
 * moved to the target under traffic, a few seconds of writes there, then the rollback as a confirmed breach starts
 * it. Measures what a user sees: from the breach to every producer's first event on the source again, everything
 * included (opening the ledger, the controls, the quiesce window on the target, the reverse drain); beside it the
 * groups' return, the time inside the producers' controls and the quiesce window. Target: the quiesce window
 * (1 s here) + 2 s. Without sizes it measures 3 producers x 3 groups and 10 x 16. Exit 0 only if every replay id
 * is on the source exactly once afterwards and every size met the target.
 */
final class RollbackBench {

    /** The class whose methods are the rollback's steps, for the profile. */
    private static final String PROFILED_CLASS = "dev.cutover.engine.rollback.Rollback";

    private RollbackBench() {
    }

    /** The sizes the issue measures when none is given: 3 producers x 3 groups, 10 x 16. */
    private static final int[][] SIZES = {{3, 3}, {10, 16}};

    static int run(String[] args) throws Exception {
        Integer producers = null;
        Integer groups = null;
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
        int[][] sizes = producers == null && groups == null ? SIZES
                : new int[][] {{producers == null ? 3 : producers, groups == null ? 1 : groups}};
        StringBuilder rows = new StringBuilder();
        boolean allClean = true;
        boolean allMet = true;
        for (int[] size : sizes) {
            Row row = measure(size[0], size[1], parallel, profile);
            rows.append(row.line());
            allClean &= row.clean();
            allMet &= row.met();
        }
        System.out.print("""
                rollback after writes on the target: from the confirmed breach to every producer writing on the source,
                everything included (opening the ledger, the controls, the quiesce window on the target, the reverse drain)
                | producers | groups | breach to every producer writing on the source | groups back on the source | inside controls | quiesce window (target) | target              |
                |-----------|--------|-----------------------------------------------|---------------------------|-----------------|-------------------------|---------------------|
                """ + rows + "every replay id on the source exactly once: " + (allClean ? "yes" : "NO") + "\n");
        return allClean && allMet ? 0 : 1;
    }

    /** One row of the table. */
    private record Row(int producers, int groups, long writingMs, long groupsMs, long controlsMs, long quietMs, boolean clean) {
        /** The target: the quiesce window (1 s here) + 2 s. */
        static final long TARGET_MS = 1_000 + 2_000;

        boolean met() {
            return writingMs <= TARGET_MS;
        }

        String line() {
            return String.format("| %,9d | %,6d | %,42d ms | %,22d ms | %,12d ms | %,20d ms | <= %,d ms: %s |%n", producers, groups,
                    writingMs, groupsMs, controlsMs, quietMs, TARGET_MS, met() ? "PASS" : "FAIL");
        }
    }

    private static Row measure(int producers, int groups, Integer parallel, boolean profile) throws Exception {
        PrintStream out = System.out;
        System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream())); // the test kit's chatter
        Path dir = Files.createTempDirectory("cutover-bench-rollback-");
        Path ledgerFile = dir.resolve("cutover.db");
        List<SimulatedProducer> fleet = new ArrayList<>();
        Row table;
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
                    SourceWrites writes = new SourceWrites(sandbox.source().bootstrapServers(), topics);
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
                    try (writes) {
                        table = table(ledgerFile, writes, producers, groups, began);
                    }
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
        return new Row(table.producers(), table.groups(), table.writingMs(), table.groupsMs(), table.controlsMs(),
                table.quietMs(), clean);
    }

    private static StepOutcome step(Path ledgerFile) {
        try (Session session = Session.open(ledgerFile, "bench")) {
            return Cutover.stepper().step(session.context(session.compileFresh(), Progress.SILENT));
        }
    }

    /**
     * From the start of the rollback (the breach confirmed, before the ledger is even opened) to the
     * moment the last producer wrote its first event on the source again: the first source record of
     * its topic stamped at or after its start control was called (the reverse copies of its target
     * events were all made before that call). The groups' time is move-consumers' own rollback
     * figure; they go back side by side with the producers.
     */
    private static Row table(Path ledgerFile, SourceWrites writes, int producers, int groups, java.time.Instant began)
            throws InterruptedException {
        long controls = 0;
        long writingMs = 0;
        long quiet;
        long groupsMs;
        try (Ledger ledger = Ledger.open(ledgerFile)) {
            SwitchRecord sw = SwitchRecord.read(ledger);
            for (ProducerSwitch p : sw.producers()) {
                controls += orZero(p.returnStopControlMs()) + orZero(p.returnStartControlMs());
                if (p.returnedAt() == null) {
                    throw new IllegalStateException(p.producer() + " was not put back on the source");
                }
                long startCalled = p.returnedAt().toEpochMilli() - orZero(p.returnStartControlMs());
                String topic = "rb.sfdc.cdc." + p.producer();
                java.time.Instant deadline = java.time.Instant.now().plusSeconds(10);
                java.util.OptionalLong written = writes.firstGrowthAfter(topic, startCalled);
                while (written.isEmpty() && java.time.Instant.now().isBefore(deadline)) {
                    Thread.sleep(50); // the sampler has yet to see its first write
                    written = writes.firstGrowthAfter(topic, startCalled);
                }
                long firstWrite = written.orElseThrow(() -> new IllegalStateException(topic + ": no write on the source after "
                        + "its start control was called"));
                writingMs = Math.max(writingMs, firstWrite - began.toEpochMilli());
            }
            quiet = sw.timings().returnQuietMs().orElse(0L);
            Map<String, Object> mc = ledger.gate("move-consumers").evidence();
            groupsMs = number(((Map<?, ?>) mc.getOrDefault("rollback", Map.of())).get("tookMs"));
        }
        return new Row(producers, groups, writingMs, groupsMs, controls, quiet, true);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
