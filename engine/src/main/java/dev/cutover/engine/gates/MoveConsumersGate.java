package dev.cutover.engine.gates;

import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.connect.MirrorOnConnect;
import dev.cutover.engine.connect.MirrorSourceOffsets;
import dev.cutover.engine.consumers.BackTranslator;
import dev.cutover.engine.consumers.CopyAnchors;
import dev.cutover.engine.consumers.CopyWalk;
import dev.cutover.engine.controls.ControlException;
import dev.cutover.engine.mirror.MirrorOwnTopics;
import dev.cutover.plans.MirrorEngine;
import dev.cutover.plans.PropertyResolver;
import dev.cutover.engine.consumers.GroupControl;
import dev.cutover.engine.consumers.GroupReturn;
import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.engine.producers.SwitchRecord;
import dev.cutover.state.MirrorDirection;
import dev.cutover.state.MirrorProgress;
import java.util.HashMap;
import org.apache.kafka.common.TopicPartition;
import dev.cutover.engine.consumers.GroupControls;
import dev.cutover.engine.run.Lanes;
import dev.cutover.engine.consumers.GroupMove;
import dev.cutover.engine.consumers.GroupMoveFailed;
import dev.cutover.engine.consumers.GroupMover;
import dev.cutover.engine.consumers.MovePhase;
import dev.cutover.engine.consumers.OffsetTranslator;
import dev.cutover.plans.ConsumerSpec;
import dev.cutover.plans.GateName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * move-consumers: every selected group stopped on the source, its committed offsets translated
 * exactly to the target (each verified record against record), committed there, and the group
 * started against the target and seen consuming. See {@link GroupMover} for one group's steps.
 *
 * <p>Groups are independent: each either moves completely or goes back to the source untouched,
 * and the gate reports every group's outcome. Moved groups stay moved when another fails; the
 * next {@code step} retries only the ones that did not move. They move {@code gates.move-consumers.parallel}
 * at a time (each through its own {@link GroupMover}, recording only its own entry), since a move
 * is mostly waiting on round trips to the two clusters.
 */
public final class MoveConsumersGate implements Gate {

    private static final String GATE = GateName.MOVE_CONSUMERS.label();

    @Override
    public GateName name() {
        return GateName.MOVE_CONSUMERS;
    }

    @Override
    public Map<String, Object> check(GateContext context) {
        return Map.of("groups", groups(context));
    }

    @Override
    public Map<String, Object> act(GateContext context) throws GateFailedException {
        List<String> groups = groups(context);
        if (groups.isEmpty()) {
            return Map.of("groups", "none selected: nothing to move");
        }
        Map<String, Object> evidence = context.ledger().gate(GATE).evidence();
        Map<String, GroupMove> moves = new LinkedHashMap<>();
        groups.forEach(g -> moves.put(g, GroupMove.from(g, evidence)));
        List<GroupMove> pending = moves.values().stream().filter(m -> m.phase() != MovePhase.VERIFIED).toList();
        Set<String> topics = new LinkedHashSet<>(context.compiled().selectedTopics());
        Map<String, GroupMoveFailed> failures = new ConcurrentHashMap<>();
        int lanes = Math.max(1, Math.min(context.plan().gates().moveConsumers().parallel(), pending.size()));
        long began = context.time().nanos();
        try (OffsetTranslator translator = new OffsetTranslator(context.ledger(), context.source(), context.target(),
                anchors(context, switchPoints(context)))) {
            Lanes.run(GATE, lanes, pending, move -> {
                GroupControl control = GroupControls.of(move.group(), consumer(context, move.group()),
                        context.source().bootstrap(), context.target().bootstrap());
                try {
                    new GroupMover(context, translator, control, move, topics).run();
                    context.progress().note("move-consumers: " + move.group() + " moved");
                } catch (GroupMoveFailed e) {
                    failures.put(move.group(), e);
                    context.progress().note("move-consumers: " + move.group() + " NOT moved: " + e.getMessage());
                }
            });
        }
        Map<String, Object> outcome = new LinkedHashMap<>();
        moves.forEach((g, m) -> outcome.put(g, failures.containsKey(g) ? "failed: " + failures.get(g).getMessage()
                : m.phase().name().toLowerCase()));
        context.ledger().putEvidence(GATE, Map.of("outcome", outcome, "moveMs", context.time().msSince(began),
                "parallel", lanes));
        if (!failures.isEmpty()) {
            GroupMoveFailed first = failures.get(groups.stream().filter(failures::containsKey).findFirst().orElseThrow());
            throw new GateFailedException(failures.size() + " of " + moves.size() + " groups not moved: " + first.getMessage()
                    + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more; see `cutover status`)" : ""),
                    first.remedy() + "; groups already moved stay on the target, `cutover step` retries the others", outcome);
        }
        return Map.of("moved", moves.size());
    }

    @Override
    public Map<String, Object> verify(GateContext context) throws GateFailedException {
        Map<String, Object> evidence = context.ledger().gate(GATE).evidence();
        List<String> notDone = new ArrayList<>();
        for (String g : groups(context)) {
            if (GroupMove.from(g, evidence).phase() != MovePhase.VERIFIED) {
                notDone.add(g);
            }
        }
        if (!notDone.isEmpty()) {
            throw new GateFailedException("groups not moved: " + notDone, "run `cutover step` again");
        }
        return Map.of();
    }

    /**
     * Every group that reached the target goes back to the source, as it came,
     * {@code gates.move-consumers.parallel} at a time ({@link GroupReturn}): stopped there, its
     * offsets translated exactly back (through the switch points and the reverse mirror's anchors),
     * committed on the source and started there. Every other group goes as far as it can when one fails.
     */
    @Override
    public void undo(GateContext context) throws GateFailedException {
        Map<String, Object> evidence = context.ledger().gate(GATE).evidence();
        List<GroupMove> pending = new ArrayList<>();
        if (evidence.get("groups") instanceof Map<?, ?> groups) {
            groups.keySet().forEach(g -> pending.add(GroupMove.from((String) g, evidence)));
        }
        pending.removeIf(m -> !GroupReturn.needed(m));
        if (pending.isEmpty()) {
            return;
        }
        Set<String> topics = new LinkedHashSet<>(context.compiled().selectedTopics());
        Map<String, GateFailedException> failures = new ConcurrentHashMap<>();
        Map<TopicPartition, CopyPosition> points = switchPoints(context);
        try (BackTranslator translator = new BackTranslator(context.source(), context.target(), points,
                anchors(context, points))) {
            Lanes.run("rollback", context.plan().gates().moveConsumers().parallel(), pending, move -> {
                GroupReturn back = new GroupReturn(context, translator, GroupControls.of(move.group(), consumer(context, move.group()),
                        context.source().bootstrap(), context.target().bootstrap()), move, topics);
                try {
                    back.run();
                    context.progress().note("rollback: group " + move.group() + " back on the source" + back.waits());
                } catch (GateFailedException e) {
                    failures.put(move.group(), e);
                    context.progress().note("rollback: group " + move.group() + " NOT back on the source: " + e.getMessage());
                }
            });
        }
        if (!failures.isEmpty()) {
            // Every other group went as far as it could; the first failure (in plan order) is the one shown.
            GateFailedException first = failures.get(pending.stream().map(GroupMove::group).filter(failures::containsKey)
                    .findFirst().orElseThrow());
            if (failures.size() == 1) {
                throw first;
            }
            throw new GateFailedException(failures.size() + " groups not back on the source: " + first.getMessage()
                    + " (and " + (failures.size() - 1) + " more; see `cutover status`)", first.remedy());
        }
    }

    /**
     * Where the forward mirror stopped, per partition: switch-producers' switch points for the
     * producers' topics, the forward mirror's saved positions for the others.
     */
    private static Map<TopicPartition, CopyPosition> switchPoints(GateContext context) {
        Map<TopicPartition, CopyPosition> points = new HashMap<>();
        for (MirrorProgress p : context.ledger().mirrorProgress(MirrorDirection.FORWARD).values()) {
            points.put(new TopicPartition(p.topic(), p.partition()), new CopyPosition(p.nextSourceOffset(), p.nextTargetOffset()));
        }
        points.putAll(SwitchRecord.read(context.ledger()).switchPoints());
        return points;
    }

    /**
     * Where the mirror put its copies: the embedded agent saved anchors in the ledger; on
     * {@code mirror.engine: connect} they are found by walking both logs from MirrorMaker 2's offset
     * syncs, the reverse connector's progress read from Connect.
     */
    private static CopyAnchors anchors(GateContext context, Map<TopicPartition, CopyPosition> points) {
        if (context.plan().mirror().engine() != MirrorEngine.CONNECT) {
            return CopyAnchors.of(context.ledger());
        }
        MirrorOnConnect connect = MirrorOnConnect.of(context.compiled(), context.source(), context.target(), new PropertyResolver());
        return new CopyWalk(context.source(), context.target(), points, MirrorOwnTopics.offsetSyncs(MirrorOwnTopics.SOURCE),
                MirrorOwnTopics.offsetSyncs(MirrorOwnTopics.TARGET), copied(context, connect, connect.connectors().sourceName()),
                copied(context, connect, connect.reverseName()));
    }

    /** A connector's next offset to copy of a partition, from its committed offsets (0 while Connect is silent). */
    private static Function<TopicPartition, Long> copied(GateContext context, MirrorOnConnect connect, String connector) {
        return tp -> {
            try {
                return MirrorSourceOffsets.nextOffsets("the offsets of " + connector, connect.client().offsets(connector))
                        .getOrDefault(tp, 0L);
            } catch (ControlException e) {
                // Nothing counts as copied meanwhile: a translation that needs the copy waits and asks again.
                context.progress().update("Kafka Connect did not answer (" + e.getMessage() + "); asking again");
                return 0L;
            }
        };
    }

    private static List<String> groups(GateContext context) {
        return context.compiled().selectedGroupIds();
    }

    private static Optional<ConsumerSpec> consumer(GateContext context, String group) {
        return context.plan().consumers().stream().filter(c -> c.group().equals(group)).findFirst();
    }
}
