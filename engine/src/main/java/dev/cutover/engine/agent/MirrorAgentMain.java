package dev.cutover.engine.agent;

import dev.cutover.engine.CutoverException;
import dev.cutover.engine.StoredPlanParser;
import dev.cutover.engine.clusters.ClusterClients;
import dev.cutover.engine.clusters.ClusterInspector;
import dev.cutover.engine.mirror.EmbeddedMirror;
import dev.cutover.engine.mirror.MirrorJob;
import dev.cutover.engine.mirror.MirrorOwnTopics;
import dev.cutover.engine.mirror.MirrorProperties;
import dev.cutover.engine.mirror.MirrorState;
import dev.cutover.engine.mirror.MirrorStatus;
import dev.cutover.plans.Plan;
import dev.cutover.plans.PropertyResolver;
import dev.cutover.state.AgentRecord;
import dev.cutover.state.Ledger;
import dev.cutover.state.MirrorDirection;
import dev.cutover.state.StoredPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;

/**
 * The mirror agent process: hosts MirrorMaker 2's tasks for the plan stored in a ledger until
 * the ledger asks it to stop. Started by {@link MirrorAgentSupervisor}; reports only through the
 * ledger (registration, a heartbeat every second, copy positions) and its log file.
 *
 * <p>Exit codes: 0 stopped on request, 1 the mirror failed (the reason is in the ledger), 2 bad
 * arguments, no plan, a stored plan that no longer validates, or a placeholder of the plan that does
 * not resolve here (these two also in the ledger, and in the log as {@code cutover} prints them).
 */
public final class MirrorAgentMain {

    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /**
     * How often the ledger is read for a stop request. switch-producers waits for this stop while
     * every producer is stopped, so it is short; a read of one row is cheap.
     */
    private static final Duration STOP_CHECK = Duration.ofMillis(100);

    private MirrorAgentMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !"--ledger".equals(args[0])) {
            System.err.println("usage: MirrorAgentMain --ledger PATH");
            System.exit(2);
        }
        System.exit(run(Path.of(args[1])));
    }

    static int run(Path ledgerFile) throws InterruptedException {
        ProcessHandle self = ProcessHandle.current();
        try (Ledger ledger = Ledger.open(ledgerFile)) {
            Optional<StoredPlan> stored = ledger.plan();
            if (stored.isEmpty()) {
                System.err.println("mirror agent: the ledger " + ledgerFile + " holds no plan");
                return 2;
            }
            ledger.registerAgent(self.pid(), MirrorAgentSupervisor.localHost(),
                    self.info().startInstant().orElse(Instant.now()));
            MirrorDirection direction = ledger.mirrorDirection();
            MirrorJob job;
            try {
                PropertyResolver resolver = new PropertyResolver();
                job = direction == MirrorDirection.FORWARD ? job(stored.get(), resolver) : reverseJob(stored.get(), resolver);
            } catch (CutoverException e) {
                // A stored plan this version refuses, a placeholder that does not resolve in this process, a
                // cluster that does not answer: say so in the ledger, not only in the log.
                ledger.agentHeartbeat(self.pid(), "FAILED", e.summary());
                logFailure(e);
                return e.exitCode().code();
            }
            log("copying " + direction.label() + ": " + job);
            try (EmbeddedMirror mirror = new EmbeddedMirror(job, new LedgerProgressStore(ledger, direction))) {
                mirror.start();
                log("started: " + mirror);
                return superviseUntilStopped(ledger, mirror, self.pid());
            } catch (RuntimeException e) {
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                ledger.agentHeartbeat(self.pid(), "FAILED", why);
                log("failed: " + why);
                e.printStackTrace();
                return 1;
            }
        }
    }

    private static int superviseUntilStopped(Ledger ledger, EmbeddedMirror mirror, long pid) throws InterruptedException {
        long lastBeat = 0;
        while (true) {
            MirrorStatus status = mirror.status();
            if (status.state() == MirrorState.FAILED) {
                ledger.agentHeartbeat(pid, "FAILED", status.message());
                log("failed: " + status.message());
                return 1;
            }
            if (System.nanoTime() - lastBeat >= HEARTBEAT.toNanos()) {
                ledger.agentHeartbeat(pid, status.state().name(), null);
                lastBeat = System.nanoTime();
            }
            Optional<AgentRecord> record = ledger.agent();
            if (record.isPresent() && (record.get().stopRequested() || record.get().pid() != pid)) {
                // Asked to stop, or another agent replaced this one: the ledger has one agent at a time.
                log("stopping on request");
                long began = System.nanoTime();
                mirror.stop();
                if (record.get().pid() == pid) {
                    ledger.agentHeartbeat(pid, "STOPPED", "stopped on request");
                }
                log("stopped in " + (System.nanoTime() - began) / 1_000_000 + " ms");
                return 0;
            }
            Thread.sleep(STOP_CHECK.toMillis()); // the stop-request poll period, not a synchronisation
        }
    }

    /** The mirror job of a stored plan, with secrets resolved by {@code resolver} (this process's environment). */
    static MirrorJob job(StoredPlan stored, PropertyResolver resolver) {
        Plan plan = StoredPlanParser.parse(stored);
        Map<String, String> extra = MirrorProperties.resolve(plan.mirror(), resolver);
        try (ClusterClients source = ClusterClients.of("source", plan.source(), resolver);
             ClusterClients target = ClusterClients.of("target", plan.target(), resolver)) {
            List<String> topics = ClusterInspector.await(source.admin().listTopics().names(), source, "list topics")
                    .stream().filter(plan.topics()::selects).sorted().toList();
            List<String> groups = ClusterInspector.await(
                            source.admin().listGroups(ListGroupsOptions.forConsumerGroups()).all(), source, "list groups")
                    .stream().map(GroupListing::groupId).filter(plan.groups()::selects).sorted()
                    .map(Pattern::quote).toList();
            return new MirrorJob(MirrorOwnTopics.SOURCE, MirrorOwnTopics.TARGET, source.properties(), target.properties(), topics, groups,
                    plan.mirror().tasks(), extra);
        }
    }

    /**
     * The reverse job (target to source) of a stored plan: only the producers' topics, the ones
     * written on the target after the switch; no checkpoints. Its offset syncs are not emitted:
     * nothing translates offsets through MirrorMaker 2 on the way back.
     */
    static MirrorJob reverseJob(StoredPlan stored, PropertyResolver resolver) {
        Plan plan = StoredPlanParser.parse(stored);
        Map<String, String> extra = new java.util.LinkedHashMap<>(MirrorProperties.resolve(plan.mirror(), resolver));
        try (ClusterClients source = ClusterClients.of("source", plan.source(), resolver);
             ClusterClients target = ClusterClients.of("target", plan.target(), resolver)) {
            List<String> topics = plan.producers().stream().flatMap(p -> p.topics().stream()).distinct().sorted().toList();
            extra.put("emit.offset-syncs.enabled", "false");
            return new MirrorJob(MirrorOwnTopics.TARGET, MirrorOwnTopics.SOURCE, target.properties(), source.properties(), topics, List.of(),
                    plan.mirror().tasks(), extra);
        }
    }

    /** The three parts of the failure, as {@code cutover} prints them on stderr. */
    private static void logFailure(CutoverException e) {
        log("failed: " + e.summary());
        if (e.detail() != null) {
            e.detail().lines().forEach(line -> System.err.println("  " + line));
        }
        if (e.remedy() != null) {
            System.err.println("  fix: " + e.remedy());
        }
    }

    private static void log(String line) {
        System.err.println(Instant.now() + " mirror agent: " + line);
    }
}
