package dev.cutover.engine.gates;

import dev.cutover.engine.run.PausePoint;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.agent.AgentHealth;
import dev.cutover.engine.agent.LedgerProgressStore;
import dev.cutover.engine.clusters.ClusterInspector;
import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.engine.mirror.LagProbe;
import dev.cutover.engine.mirror.MirrorOwnTopics;
import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.controls.ControlException;
import dev.cutover.engine.producers.ClusterSwitchTopics;
import dev.cutover.engine.producers.ConnectSwitchMirror;
import dev.cutover.engine.producers.MirrorDrain;
import dev.cutover.plans.MirrorEngine;
import dev.cutover.engine.status.FinalReport;
import dev.cutover.plans.GateName;
import dev.cutover.plans.GateSettings;
import dev.cutover.plans.ProducerSpec;
import dev.cutover.state.Ledger;
import dev.cutover.state.MirrorDirection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * finalize: ends a cutover that observe let through.
 * <pre>
 *   PENDING --the reverse copy reached the target's end at this moment--> DRAINED
 *           --mirror agent stopped, its last positions read--> AGENT_STOPPED
 *           --MirrorMaker 2's own topics removed from the target (or kept)--> CLEANED
 *           --report written to the ledger and beside it--> REPORTED, and the gate passes: the cutover is done
 * </pre>
 * Each step is recorded ({@code reached} in the evidence) before the next, so a kill anywhere
 * resumes at the step it interrupted, and every step is safe to repeat. The source stays a complete
 * archive: it holds every record the producers wrote on the target until the agent stopped. From
 * then on a rollback would lose what producers write, so {@code rollback} refuses once this passed.
 */
public final class FinalizeGate implements Gate {

    /** How far an attempt got, in order. */
    enum Step {
        PENDING, DRAINED, AGENT_STOPPED, CLEANED, REPORTED;

        boolean atLeast(Step other) {
            return ordinal() >= other.ordinal();
        }
    }

    static final String REPORT_SETTING = "finalize.report";

    @Override
    public GateName name() {
        return GateName.FINALIZE;
    }

    /** Every producer was seen writing on the target and every group consuming there. */
    @Override
    public Map<String, Object> check(GateContext context) throws GateFailedException {
        List<String> problems = new ArrayList<>();
        Map<String, Object> producers = section(context, GateName.SWITCH_PRODUCERS, "producers");
        for (ProducerSpec p : context.plan().producers()) {
            Object phase = producers.get(p.name()) instanceof Map<?, ?> m ? m.get("phase") : null;
            if (!"VERIFIED".equals(phase)) {
                problems.add("producer " + p.name() + " is " + (phase == null ? "not switched" : String.valueOf(phase).toLowerCase())
                        + ", not seen writing on the target");
            }
        }
        Map<String, Object> groups = section(context, GateName.MOVE_CONSUMERS, "groups");
        Map<String, Object> onTarget = new TreeMap<>();
        if (!groups.isEmpty()) {
            Map<String, ConsumerGroupDescription> described = ClusterInspector.await(
                    context.target().admin().describeConsumerGroups(groups.keySet()).all(), context.target(),
                    "describe the moved groups on the target");
            groups.forEach((group, entry) -> {
                Map<?, ?> m = (Map<?, ?>) entry;
                ConsumerGroupDescription d = described.get(group);
                onTarget.put(group, d.groupState().toString() + ", " + d.members().size() + " members");
                if (!"VERIFIED".equals(m.get("phase"))) {
                    problems.add("group " + group + " is " + String.valueOf(m.get("phase")).toLowerCase() + ", not moved");
                } else if (Boolean.TRUE.equals(m.get("controlled")) && d.members().isEmpty()) {
                    problems.add("group " + group + " has no members on the target (" + d.groupState() + ")");
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new GateFailedException("the cutover cannot be finalized: " + String.join("; ", problems),
                    "start what is stopped on the target and run `cutover step` again, or `cutover rollback`",
                    Map.of("problems", problems, "groupsOnTarget", onTarget));
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("producersOnTarget", context.plan().producers().size());
        evidence.put("groupsOnTarget", onTarget);
        return evidence;
    }

    @Override
    public Map<String, Object> act(GateContext context) throws GateFailedException {
        Ledger ledger = context.ledger();
        String gate = name().label();
        GateSettings.Finalize settings = context.plan().gates().finalizing();
        if (!reached(context).atLeast(Step.DRAINED)) {
            Map<String, Object> drain = onConnect(context) ? drainReverseConnector(context, settings.drainTimeout())
                    : drainReverseCopy(context, settings.drainTimeout());
            ledger.putEvidence(gate, Map.of("drain", drain, "reached", Step.DRAINED.name()));
            PausePoint.reach("finalize.after-drain");
        }
        if (!reached(context).atLeast(Step.AGENT_STOPPED) && onConnect(context)) {
            long began = context.time().nanos();
            List<String> removed;
            try (ConnectSwitchMirror connect = ConnectSwitchMirror.of(context, new ClusterSwitchTopics(context.source(), context.target()))) {
                // Stopped before it is read: from then on nothing writes to the source, so these are final.
                Map<TopicPartition, CopyPosition> stopped = connect.stopReverse(producerPartitions(context));
                if (!stopped.isEmpty()) {
                    Map<String, Object> archive = new TreeMap<>();
                    stopped.forEach((tp, p) -> archive.put(tp.toString(), Map.of("targetOffset", p.nextSourceOffset(),
                            "sourceOffset", p.nextTargetOffset())));
                    ledger.putEvidence(gate, Map.of("archive", archive));
                }
                removed = connect.remove();
            } catch (ControlException e) {
                throw new GateFailedException(e.getMessage(), "check that Kafka Connect answers at "
                        + context.plan().mirror().connectUrl() + " (mirror.connect.url), then run `cutover step` again");
            }
            ledger.putEvidence(gate, Map.of("connectorsRemoved", removed, "agentStoppedMs", context.time().msSince(began),
                    "agentStoppedAt", context.clock().instant().toString(), "reached", Step.AGENT_STOPPED.name()));
            context.progress().note("finalize: connectors removed from Connect (" + String.join(", ", removed) + ")");
            PausePoint.reach("finalize.after-agent-stop");
        }
        if (!reached(context).atLeast(Step.AGENT_STOPPED)) {
            long began = context.time().nanos();
            context.agents().stop(ledger);
            AgentHealth health = context.agents().health(ledger);
            if (health.alive()) {
                throw new GateFailedException("the mirror agent (pid " + health.pid() + ") is still running after its stop",
                        "stop it (kill " + health.pid() + ") and run `cutover step` again");
            }
            // Read after the stop: the agent saves its positions as it goes down, so these are final.
            ledger.putEvidence(gate, Map.of("archive", archive(ledger, context), "agentStoppedMs",
                    context.time().msSince(began), "agentStoppedAt", context.clock().instant().toString(),
                    "reached", Step.AGENT_STOPPED.name()));
            context.progress().note("finalize: mirror agent stopped; the source holds every record written on the target");
            PausePoint.reach("finalize.after-agent-stop");
        }
        if (!reached(context).atLeast(Step.CLEANED)) {
            Map<String, Object> cleaned = new LinkedHashMap<>(removeMirrorTopics(context, settings.keepMirrorTopics()));
            cleaned.put("reached", Step.CLEANED.name());
            ledger.putEvidence(gate, cleaned);
        }
        Path report = reportFile(ledger);
        writeReport(context, report);
        ledger.putEvidence(gate, Map.of("report", report.toString(), "reached", Step.REPORTED.name()));
        context.progress().note("finalize: report written to " + report);
        return Map.of();
    }

    @Override
    public Map<String, Object> verify(GateContext context) throws GateFailedException {
        List<String> problems = new ArrayList<>();
        AgentHealth health = context.agents().health(context.ledger());
        if (health.alive()) {
            problems.add("the mirror agent is running again (pid " + health.pid() + ")");
        }
        if (onConnect(context)) {
            try (ConnectSwitchMirror connect = ConnectSwitchMirror.of(context, new ClusterSwitchTopics(context.source(), context.target()))) {
                List<String> left = connect.deployed();
                if (!left.isEmpty()) {
                    problems.add("still on Kafka Connect: " + left);
                }
            } catch (ControlException e) {
                problems.add("Kafka Connect did not answer: " + e.getMessage());
            }
        }
        if (!context.plan().gates().finalizing().keepMirrorTopics()) {
            List<String> left = present(context, removable(context));
            if (!left.isEmpty()) {
                problems.add("still on the target: " + left);
            }
        }
        Path report = reportFile(context.ledger());
        if (!Files.isRegularFile(report)) {
            problems.add("no report at " + report);
        }
        if (!problems.isEmpty()) {
            throw new GateFailedException("finalize did not hold: " + String.join("; ", problems),
                    "run `cutover step` again");
        }
        return Map.of("result", "done: producers write and groups read on the target; mirroring stopped; report " + report);
    }

    /** The report beside the ledger: {@code <ledger>.report.md}. */
    public static Path reportFile(Ledger ledger) {
        return Path.of(ledger.file().toAbsolutePath().normalize() + ".report.md");
    }

    /**
     * Takes the target's end of every producer partition now and waits until the reverse copy has
     * brought all of it to the source. Producers keep writing meanwhile, so "lag 0" may never be
     * seen; the end taken at the start is the mark (see {@link MirrorDrain#awaitUpTo}).
     */
    private static Map<String, Object> drainReverseCopy(GateContext context, Duration timeout) throws GateFailedException {
        List<TopicPartition> partitions = producerPartitions(context);
        if (partitions.isEmpty() || context.ledger().mirrorDirection() != MirrorDirection.REVERSE) {
            return Map.of("partitions", 0, "note", "nothing was written on the target through cutover's producers");
        }
        long began = context.time().nanos();
        try (LagProbe probe = new LagProbe(context.target().properties())) {
            Map<TopicPartition, Long> mark = probe.connect(partitions);
            try {
                MirrorDrain.awaitUpTo(context, MirrorDirection.REVERSE, mark, timeout, probe);
            } catch (MirrorDrain.NotDrained e) {
                if (e.agentFailed()) {
                    throw new GateFailedException(e.getMessage(),
                            "read its log (" + context.agents().logFile() + "), fix the cause and run `cutover step` again");
                }
                throw new GateFailedException("the reverse copy did not bring the source up to the target within "
                        + timeout.toSeconds() + " s: " + e.behind() + " offsets behind on " + e.partitionsBehind() + " partitions",
                        "read the mirror agent's log (" + context.agents().logFile() + "), then run `cutover step` again; "
                                + "gates.finalize.drain-timeout sets the wait",
                        Map.of("mark", keyed(mark)));
            }
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("partitions", partitions.size());
            evidence.put("mark", keyed(mark));
            evidence.put("tookMs", context.time().msSince(began));
            return evidence;
        }
    }

    private static boolean onConnect(GateContext context) {
        return context.plan().mirror().engine() == MirrorEngine.CONNECT;
    }

    /** As {@link #drainReverseCopy}, for the reverse connector on Connect: its committed offsets against the mark. */
    private static Map<String, Object> drainReverseConnector(GateContext context, Duration timeout) throws GateFailedException {
        List<TopicPartition> partitions = producerPartitions(context);
        if (partitions.isEmpty() || context.ledger().mirrorDirection() != MirrorDirection.REVERSE) {
            return Map.of("partitions", 0, "note", "nothing was written on the target through cutover's producers");
        }
        long began = context.time().nanos();
        ClusterSwitchTopics topics = new ClusterSwitchTopics(context.source(), context.target());
        Map<TopicPartition, Long> mark = topics.ends(ClusterSide.TARGET, partitions);
        try (ConnectSwitchMirror connect = ConnectSwitchMirror.of(context, topics)) {
            Map<TopicPartition, Long> copied = connect.drainUpTo(mark, timeout);
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("partitions", partitions.size());
            evidence.put("mark", keyed(mark));
            evidence.put("copiedToMark", keyed(copied));
            evidence.put("tookMs", context.time().msSince(began));
            return evidence;
        } catch (MirrorDrain.NotDrained e) {
            throw new GateFailedException("the reverse connector did not bring the source up to the target within "
                    + timeout.toSeconds() + " s: " + e.getMessage(), "see `cutover status` for the connector, then run "
                    + "`cutover step` again; gates.finalize.drain-timeout sets the wait", Map.of("mark", keyed(mark)));
        }
    }

    /** Per producer partition, how far the source holds the target's records (the agent's last saved positions). */
    private static Map<String, Object> archive(Ledger ledger, GateContext context) {
        Map<TopicPartition, CopyPosition> saved = new LedgerProgressStore(ledger, MirrorDirection.REVERSE).load();
        Map<String, Object> archive = new TreeMap<>();
        for (TopicPartition tp : producerPartitions(context)) {
            CopyPosition p = saved.get(tp);
            if (p != null) {
                archive.put(tp.toString(), Map.of("targetOffset", p.nextSourceOffset(), "sourceOffset", p.nextTargetOffset()));
            }
        }
        return archive;
    }

    private static Map<String, Object> removeMirrorTopics(GateContext context, boolean keep) {
        List<String> names = removable(context);
        if (keep) {
            return Map.of("mirrorTopicsKept", names);
        }
        List<String> present = present(context, names);
        if (!present.isEmpty()) {
            ClusterInspector.await(context.target().admin().deleteTopics(present).all(), context.target(),
                    "delete MirrorMaker 2's own topics " + present);
            context.progress().note("finalize: removed " + String.join(", ", present) + " from the target");
        }
        return Map.of("mirrorTopicsRemoved", List.copyOf(present));
    }

    private static List<String> present(GateContext context, List<String> names) {
        Set<String> all = ClusterInspector.await(context.target().admin().listTopics().names(), context.target(),
                "list the topics on the target");
        return names.stream().filter(all::contains).toList();
    }

    /** MirrorMaker 2's own topics on the target, never one the plan selects (those are the users'). */
    private static List<String> removable(GateContext context) {
        Set<String> selected = Set.copyOf(context.compiled().selectedTopics());
        return MirrorOwnTopics.forwardOnTarget().stream().filter(t -> !selected.contains(t)).toList();
    }

    private static void writeReport(GateContext context, Path file) {
        Ledger ledger = context.ledger();
        Map<String, Map<String, Object>> archive = new TreeMap<>();
        if (ledger.gate(GateName.FINALIZE.label()).evidence().get("archive") instanceof Map<?, ?> m) {
            m.forEach((tp, p) -> archive.put((String) tp, castMap(p)));
        }
        String text = FinalReport.markdown(context.plan().name(), context.compiled().fingerprint(), context.clock().instant(),
                ledger.gates(), ledger.positions(), archive);
        ledger.putSetting(REPORT_SETTING, text);
        try {
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(temp, text);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<TopicPartition> producerPartitions(GateContext context) {
        List<String> topics = context.plan().producers().stream().flatMap(p -> p.topics().stream()).distinct().sorted().toList();
        if (topics.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> partitions = new ArrayList<>(ClusterInspector.partitions(
                ClusterInspector.describeTopics(context.target(), topics)));
        partitions.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        return partitions;
    }

    private static Step reached(GateContext context) {
        Object value = context.ledger().gate(GateName.FINALIZE.label()).evidence().get("reached");
        return value == null ? Step.PENDING : Step.valueOf(value.toString());
    }

    private static Map<String, Object> section(GateContext context, GateName gate, String section) {
        Object value = context.ledger().gate(gate.label()).evidence().get(section);
        return value instanceof Map<?, ?> m ? castMap(m) : Map.of();
    }

    private static Map<String, Object> keyed(Map<TopicPartition, Long> offsets) {
        Map<String, Object> out = new TreeMap<>();
        offsets.forEach((tp, o) -> out.put(tp.toString(), o));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
