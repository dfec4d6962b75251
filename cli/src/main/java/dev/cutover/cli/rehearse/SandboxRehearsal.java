package dev.cutover.cli.rehearse;

import dev.cutover.engine.Planner;
import dev.cutover.engine.Session;
import dev.cutover.engine.agent.AgentHealth;
import dev.cutover.engine.agent.LedgerProgressStore;
import dev.cutover.engine.agent.MirrorAgentSupervisor;
import dev.cutover.engine.connect.ConnectorStatus;
import dev.cutover.engine.gates.GateCatalog;
import dev.cutover.engine.gates.StepOutcome;
import dev.cutover.engine.gates.Stepper;
import dev.cutover.engine.mirror.LagProbe;
import dev.cutover.engine.mirror.PartitionLag;
import dev.cutover.engine.producers.SwitchRecord;
import dev.cutover.engine.readiness.RehearsalResult;
import dev.cutover.engine.rehearsal.RehearsalCheck;
import dev.cutover.engine.rehearsal.RehearsalReport;
import dev.cutover.engine.run.Progress;
import dev.cutover.engine.status.ConnectMirrorView;
import dev.cutover.engine.status.StatusReader;
import dev.cutover.plans.MirrorEngine;
import dev.cutover.plans.Plan;
import dev.cutover.plans.ProducerSpec;
import dev.cutover.sandbox.BridgeProducer;
import dev.cutover.sandbox.DemoConsumer;
import dev.cutover.sandbox.Sandbox;
import dev.cutover.sandbox.TopicReader;
import dev.cutover.sandbox.TopicRecord;
import dev.cutover.sandbox.TrafficCheck;
import dev.cutover.sandbox.TrafficReport;
import dev.cutover.sandbox.connect.SandboxConnect;
import dev.cutover.state.Ledger;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code cutover rehearse --sandbox}: the plan end to end on two embedded Kafka clusters with
 * simulated Salesforce CDC traffic (steady, plus a bulk burst while the mirror starts), then
 * checks of what users care about: every record and replay id on the target exactly once, in
 * order, and the mirror agent healthy. Runs every gate this version has; stops before the first
 * one it does not.
 */
public final class SandboxRehearsal {

    private static final double EVENTS_PER_SECOND = 200;
    private static final int BURST = 5_000;
    private static final int SWITCH_BURST = 10_000;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);

    /** How the rehearsal ends. */
    public enum Scenario {
        /** The moved consumers stall on the target, a trigger fires during observe, the automatic rollback runs. */
        ROLLBACK,
        /** observe passes and finalize ends the cutover: done, the mirror stopped, the source kept as an archive. */
        FINALIZE
    }

    private final Progress progress;
    private final Scenario scenario;
    private final MirrorEngine engine;

    public SandboxRehearsal(Progress progress, Scenario scenario) {
        this(progress, scenario, MirrorEngine.EMBEDDED);
    }

    /**
     * @param engine with {@link MirrorEngine#CONNECT}, MirrorMaker 2 runs on a Kafka Connect worker
     *               beside the target (exactly-once on), and the rehearsal ends after in-sync, where that
     *               engine ends in this version
     */
    public SandboxRehearsal(Progress progress, Scenario scenario, MirrorEngine engine) {
        this.progress = progress;
        this.scenario = scenario;
        this.engine = engine;
    }

    public RehearsalReport run(String planText, String planSource, Path ledgerFile) throws Exception {
        PrintStream stdout = System.out;
        // Kafka's test kit prints to System.out while formatting; stdout belongs to the report.
        System.setOut(System.err);
        try (Sandbox sandbox = startSandbox();
             SandboxTraffic traffic = new SandboxTraffic(sandbox);
             SandboxConnect connect = engine == MirrorEngine.CONNECT ? startConnect(sandbox) : null) {
            Path planFile = ledgerFile.toAbsolutePath().resolveSibling(
                    ledgerFile.getFileName().toString().replaceAll("\\.db$", "") + "-plan.yaml");
            Plan original = Planner.parse(planText, planSource);
            traffic.start(original, EVENTS_PER_SECOND);
            SandboxPlan.write(planText, sandbox.source().bootstrapServers(), sandbox.target().bootstrapServers(),
                    traffic.controlUrls(), traffic.consumerControlUrls(), connect == null ? null : connect.url(), planFile);
            progress.note("sandbox: Salesforce CDC traffic at " + (int) EVENTS_PER_SECOND + " events/s per channel on "
                    + original.producers().size() + " channel(s), " + traffic.consumers().size() + " consumer group(s)");
            RehearsalReport report;
            try {
                report = rehearse(planFile, ledgerFile, sandbox, traffic);
            } finally {
                try (Ledger ledger = Ledger.open(ledgerFile)) {
                    new MirrorAgentSupervisor(ledgerFile).stop(ledger);
                }
            }
            try (Ledger ledger = Ledger.open(ledgerFile)) {
                dev.cutover.state.StoredPlan stored = ledger.plan().orElseThrow();
                RehearsalResult.of("sandbox", stored.name(), stored.fingerprint(), Instant.now(), report.checks()).save(ledger);
            }
            // Status again, after the agent stopped: the report must not show a process that is gone.
            return new RehearsalReport(StatusReader.read(ledgerFile), report.steps(), report.checks(), report.stoppedBefore());
        } finally {
            System.setOut(stdout);
        }
    }

    private Sandbox startSandbox() {
        Instant start = Instant.now();
        progress.update("sandbox: starting two Kafka clusters");
        // Kafka's test kit prints its formatting chatter on System.out; nobody needs it here.
        PrintStream previous = System.out;
        System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start();
        } finally {
            System.setOut(previous);
        }
        progress.note("sandbox: source " + sandbox.source().bootstrapServers() + ", target " + sandbox.target().bootstrapServers()
                + " (started in " + Duration.between(start, Instant.now()).toMillis() + " ms)");
        return sandbox;
    }

    /** A Kafka Connect worker beside the target with exactly-once source support, as the connect engine requires. */
    private SandboxConnect startConnect(Sandbox sandbox) {
        progress.update("sandbox: starting a Kafka Connect worker beside the target");
        SandboxConnect connect = SandboxConnect.start("rehearsal", sandbox.target().bootstrapServers(),
                Map.of("exactly.once.source.support", "enabled"));
        progress.note("sandbox: Kafka Connect at " + connect.url() + " (exactly-once source support enabled)");
        return connect;
    }

    private RehearsalReport rehearse(Path planFile, Path ledgerFile, Sandbox sandbox, SandboxTraffic traffic) throws Exception {
        Planner.PlanResult planned = Planner.plan(planFile, ledgerFile);
        progress.note("plan: " + planned.compiled().selectedTopics().size() + " topic(s), "
                + planned.compiled().gates().size() + " gates, fingerprint " + planned.compiled().fingerprint().substring(0, 12));
        List<StepOutcome> steps = new ArrayList<>();
        String stoppedBefore = null;
        GateCatalog catalog = GateCatalog.standard();
        Stepper stepper = dev.cutover.engine.Cutover.stepper();
        boolean burstSent = false;
        java.util.concurrent.CompletableFuture<Void> switchBurst = null;
        while (true) {
            try (Session session = Session.open(ledgerFile, "rehearse")) {
                Optional<String> next = Stepper.next(session.ledger()).map(g -> g.name());
                if (next.isEmpty()) {
                    break;
                }
                if (catalog.find(dev.cutover.plans.GateName.fromLabel(next.get())).isEmpty()) {
                    stoppedBefore = next.get();
                    break;
                }
                if ("in-sync".equals(next.get()) && !burstSent) {
                    long sent = traffic.burst(BURST);
                    burstSent = true;
                    progress.note("sandbox: bulk-update burst of " + sent + " events while the mirror catches up");
                }
                if ("observe".equals(next.get()) && scenario == Scenario.ROLLBACK) {
                    // The rehearsed breach: the moved consumers stall on the target until a trigger fires.
                    traffic.consumers().forEach(DemoConsumer::pause);
                    progress.note("sandbox: consumers paused on the target: a rollback trigger should fire");
                }
                if ("switch-producers".equals(next.get()) && switchBurst == null) {
                    switchBurst = java.util.concurrent.CompletableFuture.runAsync(() -> traffic.burst(SWITCH_BURST));
                    progress.note("sandbox: bulk-update burst of " + SWITCH_BURST + " events per channel in flight during the switch");
                }
                StepOutcome outcome = stepper.step(session.context(session.compileFresh(), progress));
                steps.add(outcome);
                progress.note(outcome.gate() + ": " + outcome.state().label() + " in " + outcome.took().toMillis() + " ms"
                        + (outcome.passed() ? "" : " - " + outcome.detail()));
                if (!outcome.passed()) {
                    break;
                }
            }
        }
        if (switchBurst != null) {
            switchBurst.get(120, java.util.concurrent.TimeUnit.SECONDS);
        }
        List<RehearsalCheck> checks = new ArrayList<>();
        // Every gate passes, except observe when the rehearsed breach ends it with the automatic rollback.
        boolean gatesPassed = !steps.isEmpty() && steps.stream().allMatch(s -> s.passed()
                || (scenario == Scenario.ROLLBACK && "observe".equals(s.gate())
                    && s.state() == dev.cutover.state.GateState.ROLLED_BACK));
        if (scenario == Scenario.FINALIZE) {
            gatesPassed &= steps.stream().anyMatch(s -> "finalize".equals(s.gate()) && s.passed());
        }
        checks.add(new RehearsalCheck("gates", gatesPassed, steps.stream()
                .map(s -> s.gate() + " " + s.state().label()).collect(Collectors.joining(", "))));
        if (gatesPassed) {
            checks.addAll(verifyMirror(ledgerFile, sandbox, traffic, planFile));
        }
        return new RehearsalReport(StatusReader.read(ledgerFile), steps, checks, stoppedBefore);
    }

    private List<RehearsalCheck> verifyMirror(Path ledgerFile, Sandbox sandbox, SandboxTraffic traffic, Path planFile)
            throws Exception {
        List<RehearsalCheck> checks = new ArrayList<>();
        progress.update("checks: stopping the simulated traffic and letting the mirror drain");
        traffic.stopTrafficAndDrain(DRAIN_TIMEOUT);
        Plan plan = Planner.parse(planFile);
        boolean switched;
        boolean finalized;
        Map<String, Object> archive;
        try (Ledger ledger = Ledger.open(ledgerFile)) {
            switched = ledger.gate("switch-producers").state() == dev.cutover.state.GateState.PASSED;
            finalized = ledger.gate("finalize").state() == dev.cutover.state.GateState.PASSED;
            archive = finalized && ledger.gate("finalize").evidence().get("archive") instanceof Map<?, ?> m
                    ? castMap(m) : Map.of();
            AgentHealth health = new MirrorAgentSupervisor(ledgerFile).health(ledger);
            if (finalized) {
                checks.addAll(FinalizeChecks.of(ledger, health, sandbox));
                if (engine == MirrorEngine.CONNECT) {
                    checks.add(connectorsRemoved(plan));
                }
                checks.add(writePause(ledger));
            } else if (switched && engine == MirrorEngine.CONNECT) {
                checks.add(reverseConnectorRunning(ledger, plan));
                checks.add(writePause(ledger));
            } else if (switched) {
                boolean reverse = ledger.mirrorDirection() == dev.cutover.state.MirrorDirection.REVERSE;
                checks.add(new RehearsalCheck("mirror copies target -> source since the switch", reverse && health.alive()
                        && !health.failed(), "direction " + ledger.mirrorDirection().label() + ", " + health.summary()));
                checks.add(writePause(ledger));
            } else if (engine == MirrorEngine.CONNECT) {
                checks.add(connectorsRunning(plan));
            } else {
                checks.add(new RehearsalCheck("mirror agent healthy", health.alive() && !health.failed(), health.summary()));
            }
            if (!finalized) {
                checks.add(drained(ledger, sandbox, plan));
            }
        }
        for (ProducerSpec producer : plan.producers()) {
            BridgeProducer bridge = traffic.bridges().get(producer.name());
            String topic = bridge.topic();
            List<TopicRecord> onSource = TopicReader.readAll(sandbox.source().bootstrapServers(), topic);
            List<TopicRecord> onTarget = TopicReader.readAll(sandbox.target().bootstrapServers(), topic);
            boolean copied = isPrefixPerPartition(byPartition(onSource), byPartition(onTarget));
            checks.add(new RehearsalCheck("records mirrored: " + topic, copied && (switched || onSource.size() == onTarget.size()),
                    String.format("%,d records on the source, %,d on the target%s; the source's records %s on the target, "
                                    + "in the same order per partition", onSource.size(), onTarget.size(),
                            switched ? " (the source holds the reverse mirror's copies of what was written on the target)" : "",
                            copied ? "all" : "NOT all")));
            TrafficReport report = TrafficCheck.check(traffic.bus().emittedReplayIds(bridge.channel()), onTarget);
            checks.add(new RehearsalCheck("replay ids on the target: " + topic, report.clean(), report.summary()));
            if (finalized) {
                checks.add(FinalizeChecks.archive(topic, byPartition(onSource), lastOffsets(onSource), byPartition(onTarget), archive));
            }
            if (switched) {
                checks.add(new RehearsalCheck("producer " + producer.name() + " writes to the target",
                        sandbox.target().bootstrapServers().equals(bridge.bootstrap()), "bridge bootstrap " + bridge.bootstrap()));
            }
        }
        dev.cutover.state.GateState consumersGate;
        dev.cutover.state.GateState producersGate;
        try (Ledger ledger = Ledger.open(ledgerFile)) {
            consumersGate = ledger.gate("move-consumers").state();
            producersGate = ledger.gate("switch-producers").state();
        }
        boolean rolledBack = producersGate == dev.cutover.state.GateState.ROLLED_BACK;
        if (rolledBack) {
            for (ProducerSpec producer : plan.producers()) {
                BridgeProducer bridge = traffic.bridges().get(producer.name());
                checks.add(new RehearsalCheck("rollback: producer " + producer.name() + " writes to the source again",
                        sandbox.source().bootstrapServers().equals(bridge.bootstrap()), "bridge bootstrap " + bridge.bootstrap()));
                TrafficReport onSource = TrafficCheck.check(traffic.bus().emittedReplayIds(bridge.channel()),
                        TopicReader.readAll(sandbox.source().bootstrapServers(), bridge.topic()));
                checks.add(new RehearsalCheck("rollback: replay ids on the source: " + bridge.topic(), onSource.clean(),
                        onSource.summary() + " (those written on the target after the switch included)"));
            }
            traffic.consumers().forEach(DemoConsumer::resume);
        }
        if (consumersGate == dev.cutover.state.GateState.PASSED || consumersGate == dev.cutover.state.GateState.ROLLED_BACK) {
            String expected = rolledBack ? sandbox.source().bootstrapServers() : sandbox.target().bootstrapServers();
            for (DemoConsumer consumer : traffic.consumers()) {
                for (ProducerSpec producer : plan.producers()) {
                    checks.add(consumedOnce(consumer, traffic.bridges().get(producer.name()), traffic, sandbox, expected));
                }
            }
        }
        return checks;
    }

    /**
     * After move-consumers, a demo consumer has read every event exactly once across both clusters:
     * nothing read twice at the move (re-read) and nothing missed (skipped), in order per record.
     */
    private RehearsalCheck consumedOnce(DemoConsumer consumer, BridgeProducer bridge, SandboxTraffic traffic, Sandbox sandbox,
                                        String expectedBootstrap) throws InterruptedException {
        String topic = bridge.topic();
        List<byte[]> emitted = traffic.bus().emittedReplayIds(bridge.channel());
        Instant deadline = Instant.now().plus(DRAIN_TIMEOUT);
        List<TopicRecord> consumed = consumedFrom(consumer, topic);
        while (consumed.size() < emitted.size() && Instant.now().isBefore(deadline)) {
            progress.update(String.format("checks: consumer %s has read %,d of %,d events", consumer.groupId(),
                    consumed.size(), emitted.size()));
            Thread.sleep(200); // polling the demo consumer's progress, with a deadline
            consumed = consumedFrom(consumer, topic);
        }
        TrafficReport report = TrafficCheck.check(emitted, consumed);
        long onTarget = consumer.consumed().stream()
                .filter(r -> r.topic().equals(topic) && r.bootstrap().equals(sandbox.target().bootstrapServers())).count();
        return new RehearsalCheck("consumer " + consumer.groupId() + " read " + topic + " once", report.clean()
                && expectedBootstrap.equals(consumer.bootstrap()),
                report.summary() + String.format("; %,d read on the source, %,d on the target, now reading %s",
                        consumed.size() - onTarget, onTarget, consumer.bootstrap()));
    }

    private static List<TopicRecord> consumedFrom(DemoConsumer consumer, String topic) {
        return consumer.consumed().stream().filter(r -> r.topic().equals(topic))
                .map(r -> new TopicRecord(r.topic(), r.partition(), r.offset(), r.key(), r.replayId(), null)).toList();
    }

    /**
     * On the connect engine before a switch or after a rollback: the forward pair and every task
     * RUNNING, as `cutover status` reads them (a connector just resumed starts its tasks within
     * seconds: waited for, with a deadline); the reverse connector, if the switch made one, STOPPED.
     */
    private RehearsalCheck connectorsRunning(Plan plan) throws InterruptedException {
        Instant deadline = Instant.now().plus(DRAIN_TIMEOUT);
        String reverse = dev.cutover.engine.mirror.MirrorConnectors.reverseName(plan.name());
        while (true) {
            ConnectMirrorView view = ConnectMirrorView.read(plan);
            List<ConnectMirrorView.Connector> forward = view.connectors().stream().filter(c -> !c.name().equals(reverse)).toList();
            boolean running = view.error() == null && forward.get(0).status().map(ConnectorStatus::isRunning).orElse(false)
                    && forward.stream().allMatch(c -> c.status().map(st -> "RUNNING".equals(st.state())).orElse(false))
                    && view.connectors().stream().filter(c -> c.name().equals(reverse))
                            .allMatch(c -> c.status().map(ConnectorStatus::isStopped).orElse(true));
            if (running || Instant.now().isAfter(deadline)) {
                return new RehearsalCheck("MirrorMaker 2 connectors running on Kafka Connect", running, view.error() != null
                        ? view.error() : view.connectors().stream()
                                .map(c -> c.name() + " " + c.status().map(ConnectorStatus::describe).orElse("not deployed"))
                                .collect(Collectors.joining("; ")));
            }
            progress.update("checks: waiting for the connectors' tasks to run");
            Thread.sleep(300); // polling Connect's status, with a deadline
        }
    }

    /** On the connect engine after the switch: the reverse connector (target to source) RUNNING, the forward one STOPPED. */
    private static RehearsalCheck reverseConnectorRunning(Ledger ledger, Plan plan) {
        ConnectMirrorView view = ConnectMirrorView.read(plan);
        String reverse = dev.cutover.engine.mirror.MirrorConnectors.reverseName(plan.name());
        boolean running = view.error() == null && ledger.mirrorDirection() == dev.cutover.state.MirrorDirection.REVERSE
                && view.connectors().stream().anyMatch(c -> c.name().equals(reverse) && c.status().map(ConnectorStatus::isRunning).orElse(false))
                && view.connectors().get(0).status().map(ConnectorStatus::isStopped).orElse(false);
        return new RehearsalCheck("mirror copies target -> source since the switch", running, view.error() != null ? view.error()
                : view.connectors().stream().map(c -> c.name() + " " + c.status().map(ConnectorStatus::describe).orElse("not deployed"))
                        .collect(Collectors.joining("; ")));
    }

    /** On the connect engine after finalize: none of the plan's connectors left on Connect. */
    private static RehearsalCheck connectorsRemoved(Plan plan) {
        ConnectMirrorView view = ConnectMirrorView.read(plan);
        List<String> left = view.connectors().stream().filter(c -> c.status().isPresent()).map(ConnectMirrorView.Connector::name).toList();
        return new RehearsalCheck("MirrorMaker 2 connectors removed from Kafka Connect", view.error() == null && left.isEmpty(),
                view.error() != null ? view.error() : left.isEmpty() ? "none left" : "still there: " + left);
    }

    /** Waits (with a deadline) until the mirror has copied every source record, counting records. */
    private RehearsalCheck drained(Ledger ledger, Sandbox sandbox, Plan plan) throws InterruptedException {
        // Forward (source to target) until the switch, reverse (target to source) after it, forward
        // again after a rollback: whichever runs must have copied everything.
        dev.cutover.state.MirrorDirection direction = ledger.mirrorDirection();
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", direction == dev.cutover.state.MirrorDirection.FORWARD
                ? sandbox.source().bootstrapServers() : sandbox.target().bootstrapServers());
        Instant start = Instant.now();
        Instant deadline = start.plus(DRAIN_TIMEOUT);
        List<TopicPartition> partitions = new ArrayList<>();
        plan.producers().forEach(p -> p.topics().forEach(t -> {
            for (int i = 0; i < SandboxTraffic.PARTITIONS; i++) {
                partitions.add(new TopicPartition(t, i));
            }
        }));
        try (LagProbe probe = new LagProbe(props)) {
            return drained(ledger, direction, partitions, probe, start, deadline, plan);
        }
    }

    private RehearsalCheck drained(Ledger ledger, dev.cutover.state.MirrorDirection direction, List<TopicPartition> partitions,
                                   LagProbe probe, Instant start, Instant deadline, Plan plan) throws InterruptedException {
        while (true) {
            Map<TopicPartition, Long> copied = copied(ledger, direction, plan);
            Map<TopicPartition, Long> positions = new HashMap<>();
            partitions.forEach(tp -> positions.put(tp, copied.getOrDefault(tp, 0L)));
            List<PartitionLag> lags = probe.probeFrom(positions);
            long total = lags.stream().mapToLong(PartitionLag::records).sum();
            if (total == 0 && lags.stream().allMatch(PartitionLag::exact)) {
                return new RehearsalCheck("mirror drained", true, direction.label() + " copy: lag 0 on " + lags.size() + " partitions, "
                        + Duration.between(start, Instant.now()).toMillis() + " ms after the traffic stopped");
            }
            if (Instant.now().isAfter(deadline)) {
                return new RehearsalCheck("mirror drained", false, total + " records still behind after "
                        + DRAIN_TIMEOUT.toSeconds() + " s");
            }
            progress.update(String.format("checks: mirror %,d records behind", total));
            Thread.sleep(300); // polling the mirror's saved progress, with a deadline
        }
    }

    /** The next source offset per partition: the agent's saved positions, or the connector's committed offsets. */
    private Map<TopicPartition, Long> copied(Ledger ledger, dev.cutover.state.MirrorDirection direction, Plan plan) {
        if (engine == MirrorEngine.CONNECT) {
            return direction == dev.cutover.state.MirrorDirection.FORWARD ? ConnectMirrorView.read(plan).copied()
                    : ConnectMirrorView.read(plan).reverseCopied();
        }
        Map<TopicPartition, Long> next = new HashMap<>();
        new LedgerProgressStore(ledger, direction).load().forEach((tp, p) -> next.put(tp, p.nextSourceOffset()));
        return next;
    }

    private static RehearsalCheck writePause(Ledger ledger) {
        Map<String, Long> pauses = new java.util.LinkedHashMap<>();
        SwitchRecord.read(ledger).producers().forEach(p -> pauses.put(p.producer(), p.writePauseMs()));
        return new RehearsalCheck("write pause at the switch", !pauses.isEmpty() && !pauses.containsValue(null),
                "last source write to first target write, per producer (ms): " + pauses);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    static boolean isPrefixPerPartition(Map<Integer, List<String>> source, Map<Integer, List<String>> target) {
        for (Map.Entry<Integer, List<String>> e : source.entrySet()) {
            List<String> t = target.getOrDefault(e.getKey(), List.of());
            if (t.size() < e.getValue().size() || !t.subList(0, e.getValue().size()).equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static Map<Integer, Long> lastOffsets(List<TopicRecord> records) {
        Map<Integer, Long> last = new HashMap<>();
        records.forEach(r -> last.merge(r.partition(), r.offset(), Math::max));
        return last;
    }

    private static Map<Integer, List<String>> byPartition(List<TopicRecord> records) {
        return records.stream().sorted(Comparator.comparingInt(TopicRecord::partition).thenComparingLong(TopicRecord::offset))
                .collect(Collectors.groupingBy(TopicRecord::partition,
                        Collectors.mapping(r -> r.key() + "|" + r.replayIdBase64() + "|" + r.value(), Collectors.toList())));
    }
}
