package dev.cutover.bench;

import dev.cutover.engine.producers.SwitchRecord;
import dev.cutover.engine.Planner;
import dev.cutover.engine.Session;
import dev.cutover.engine.agent.MirrorAgentSupervisor;
import dev.cutover.engine.gates.GateCatalog;
import dev.cutover.engine.run.Progress;
import dev.cutover.engine.gates.StepOutcome;
import dev.cutover.engine.gates.Stepper;
import dev.cutover.sandbox.Sandbox;
import dev.cutover.sandbox.ScenarioPlan;
import dev.cutover.sandbox.TrafficReport;
import dev.cutover.state.Ledger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * {@code bench/run switch}: the switch-producers gate's own overhead. Each round starts N simulated
 * Salesforce producers on fresh topics of the source, plans a cutover of them into a fresh ledger,
 * steps through in-sync as {@code cutover step} does, then times one more step, the switch, and
 * reads the gate's timing evidence. Afterwards it drains every producer and checks that each
 * replay id is on the target exactly once, in order. Exit 1 if a round is not correct; the
 * overhead target is reported, not enforced. The mirror agent of a round is always stopped.
 */
final class SwitchBench {

    static final long TARGET_OVERHEAD_MS = 1_000;
    static final double EVENTS_PER_SECOND = 100;
    private static final String GATES = """
            gates:
              quiesce: {window: 1s, timeout: 10s}
              in-sync: {max-lag: 5000, timeout: 90s}
            """;
    private static final String IN_SYNC = "in-sync";
    private static final String SWITCH = "switch-producers";
    /** The class whose methods are the switch's phases, for the profile. */
    private static final String PROFILED_CLASS = "dev.cutover.engine.producers.SwitchSteps";
    /** More steps than the plan has gates before in-sync: a loop past it is a bug. */
    private static final int MAX_STEPS = 10;

    private SwitchBench() {
    }

    static int run(String[] args) throws IOException {
        SwitchOptions options;
        try {
            options = SwitchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            return BenchMain.usage(e.getMessage());
        }
        Path dir = Files.createTempDirectory("cutover-bench-switch");
        List<SwitchResult> results = new ArrayList<>();
        double loadBefore = loadAverage();
        try (QuietStdout quiet = QuietStdout.begin()) {
            long start = System.nanoTime();
            try (Sandbox sandbox = Sandbox.start()) {
                System.err.printf("clusters up in %,d ms%n", (System.nanoTime() - start) / 1_000_000);
                for (int round = 1; round <= options.rounds(); round++) {
                    results.add(report(round(sandbox, dir, round, options)));
                }
            }
            quiet.stdout().print(SwitchTable.render(results, options, EVENTS_PER_SECOND, TARGET_OVERHEAD_MS, loadBefore,
                    loadAverage()));
        }
        boolean correct = results.stream().allMatch(SwitchResult::correct);
        if (correct) {
            deleteRecursively(dir);
        } else {
            System.err.println("ledgers and mirror agent logs kept in " + dir);
        }
        return correct ? 0 : 1;
    }

    /** One round on fresh topics and a fresh ledger; its mirror agent is stopped whatever happens. */
    private static SwitchResult round(Sandbox sandbox, Path dir, int round, SwitchOptions options) {
        int producers = options.producers();
        String prefix = "sw" + round;
        Path ledger = dir.resolve(prefix + ".db");
        Thread onExit = new Thread(() -> stopAgent(ledger), "stop the mirror agent of " + ledger);
        Runtime.getRuntime().addShutdownHook(onExit); // also on Ctrl-C: the agent runs in its own session
        try (ProducerFleet fleet = ProducerFleet.start(sandbox, prefix, producers, EVENTS_PER_SECOND)) {
            try {
                return switchOnce(sandbox, dir, prefix, ledger, fleet, round, options);
            } finally {
                stopAgent(ledger);
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            return SwitchResult.failed(round, producers, "failed: " + e);
        } finally {
            Runtime.getRuntime().removeShutdownHook(onExit);
        }
    }

    private static SwitchResult switchOnce(Sandbox sandbox, Path dir, String prefix, Path ledger, ProducerFleet fleet,
                                           int round, SwitchOptions options) {
        int producers = options.producers();
        Path plan = ScenarioPlan.write(dir, prefix, sandbox, "", fleet.planYaml() + GATES);
        Planner.plan(plan, ledger);
        StepOutcome inSync = stepUntilInSync(ledger, round);
        if (!inSync.passed() || !IN_SYNC.equals(inSync.gate())) {
            return SwitchResult.failed(round, producers, "stopped before the switch: " + describe(inSync));
        }
        String label = "round " + round + " switch";
        StepOutcome switched = options.profile() ? profiledStep(ledger, round)
                : options.inProcess() ? step(ledger, new TimedProgress(label)) : FreshJvmStep.run(ledger, label);
        log(round, switched);
        if (!SWITCH.equals(switched.gate()) || !switched.passed()) {
            return SwitchResult.failed(round, producers, "the switch did not pass after " + switched.took().toMillis() + " ms: "
                    + describe(switched));
        }
        SwitchEvidence evidence;
        try (Ledger l = Ledger.open(ledger)) {
            evidence = SwitchEvidence.of(SwitchRecord.read(l));
        }
        if (!evidence.missing().isEmpty()) {
            System.err.printf("round %d: the gate's evidence lacks %s%n", round, String.join(", ", evidence.missing()));
        }
        System.err.printf("round %d: inside the controls (stop/start): %s%n", round, controls(evidence));
        long checkStart = System.nanoTime();
        Map<String, TrafficReport> reports = fleet.drainAndCheck(sandbox.target().bootstrapServers());
        List<String> unclean = reports.entrySet().stream().filter(e -> !e.getValue().clean())
                .map(e -> e.getKey() + ": " + e.getValue().summary()).toList();
        System.err.printf("round %d: drained and checked %d producers in %,d ms: %s%n", round, reports.size(),
                (System.nanoTime() - checkStart) / 1_000_000, unclean.isEmpty() ? "every replay id once, in order"
                        : unclean.size() + " not clean");
        return new SwitchResult(round, producers, evidence, OptionalLong.of(switched.took().toMillis()), unclean.isEmpty(), String.join("; ", unclean));
    }

    private static StepOutcome stepUntilInSync(Path ledger, int round) {
        for (int i = 0; i < MAX_STEPS; i++) {
            StepOutcome outcome = step(ledger, Progress.SILENT);
            log(round, outcome);
            if (!outcome.passed() || outcome.planDone() || IN_SYNC.equals(outcome.gate())) {
                return outcome;
            }
        }
        throw new IllegalStateException("in-sync not reached in " + MAX_STEPS + " steps");
    }

    /** One {@code cutover step}: lock the ledger, compile the plan against the clusters, run the next gate. */
    static StepOutcome step(Path ledger, Progress progress) {
        try (Session session = Session.open(ledger, "step")) {
            return new Stepper(GateCatalog.standard()).step(session.context(session.compileFresh(), progress));
        }
    }

    /** The switch step under a {@link StackSampler}; prints where its wall time went on stderr. */
    private static StepOutcome profiledStep(Path ledger, int round) {
        StackSampler sampler = StackSampler.start(Thread.currentThread(), PROFILED_CLASS, Duration.ofMillis(5));
        try (sampler) {
            return step(ledger, new TimedProgress("round " + round + " switch"));
        } finally {
            sampler.print(String.format("round %d: where the switch step's wall time went (sampled; %s method > innermost project frame):",
                    round, PROFILED_CLASS.substring(PROFILED_CLASS.lastIndexOf('.') + 1)), 50);
        }
    }

    private static void stopAgent(Path ledger) {
        if (Files.exists(ledger)) {
            try (Ledger l = Ledger.open(ledger)) {
                new MirrorAgentSupervisor(ledger).stop(l);
            }
        }
    }

    private static void log(int round, StepOutcome outcome) {
        System.err.printf("round %d: %s %s in %,d ms%n", round, outcome.gate(), outcome.state(), outcome.took().toMillis());
    }

    private static String describe(StepOutcome outcome) {
        return outcome.gate() + " " + outcome.state() + (outcome.detail() == null ? "" : ": " + outcome.detail());
    }

    private static SwitchResult report(SwitchResult r) {
        SwitchEvidence e = r.evidence();
        System.err.printf("round %d: %d producers, write pause %s, quiesce %s, controls %s, gate overhead %s, %s%n", r.round(),
                r.producers(), text(e.maxWritePauseMs()), text(e.quietMs()), text(e.controlsMs()), text(e.overheadMs()),
                r.correct() ? "correct" : "NOT CORRECT " + r.note());
        return r;
    }

    /** Each producer's time inside its stop and start controls, e.g. "p1 310/20". */
    private static String controls(SwitchEvidence evidence) {
        return evidence.producers().stream()
                .map(p -> p.name() + " " + text(p.stopControlMs()).replace(" ms", "") + "/" + text(p.startControlMs()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static String text(OptionalLong ms) {
        return ms.isPresent() ? String.format("%,d ms", ms.getAsLong()) : "-";
    }

    /** The 1-minute load average: other work on the machine moves these figures a lot. */
    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
