package dev.cutover.engine.consumers;

import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.controls.ControlException;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.run.PausePoint;
import dev.cutover.plans.GateName;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Rolls one moved group back to the source: stop it on the target, wait until it is empty there,
 * translate its target commits exactly back to the source (see {@link BackTranslator}), commit them
 * on the source (the group must be empty there), start it on the source. Each step is recorded in
 * the group's entry ({@code returnPhase}), so a killed rollback continues where it stopped.
 */
public final class GroupReturn {

    private static final Duration POLL = Duration.ofMillis(100);

    private final GateContext context;
    private final BackTranslator translator;
    private final GroupControl control;
    private final GroupMove move;
    private final Set<String> topics;

    public GroupReturn(GateContext context, BackTranslator translator, GroupControl control, GroupMove move,
                       Set<String> topics) {
        this.context = context;
        this.translator = translator;
        this.control = control;
        this.move = move;
        this.topics = topics;
    }

    /** How long the return waited (as recorded in its entry), for a note; empty when the entry lacks either figure. */
    public String waits() {
        Object empty = move.get("returnEmptyWaitMs");
        Object translate = move.get("returnTranslateMs");
        return empty == null || translate == null ? ""
                : " (" + empty + " ms for it to leave the target, " + translate + " ms to translate its offsets back)";
    }

    /** Whether the group has anything on the target to take back. */
    public static boolean needed(GroupMove move) {
        return switch (move.phase()) {
            case COMMITTED, STARTED, VERIFIED -> !"RETURNED".equals(move.get("returnPhase"));
            default -> false;
        };
    }

    public void run() throws GateFailedException {
        String group = move.group();
        String phase = String.valueOf(move.get("returnPhase"));
        if ("null".equals(phase)) {
            try {
                long called = context.time().nanos();
                control.stop();
                move.put("returnStopControlMs", context.time().msSince(called));
            } catch (ControlException e) {
                throw new GateFailedException("could not stop group " + group + " on the target: " + e.getMessage(),
                        "check its stop control, then run `cutover rollback` again");
            }
            phase = "STOPPED";
            move.put("returnPhase", phase);
            save();
        }
        if ("STOPPED".equals(phase)) {
            long began = context.time().nanos();
            awaitEmptyOnTarget();
            move.put("returnEmptyWaitMs", context.time().msSince(began));
            began = context.time().nanos();
            Map<TopicPartition, OffsetAndMetadata> onTarget = GroupOffsets.committed(context.target(), group, topics);
            Map<String, Object> back = new TreeMap<>();
            translateAll(onTarget).forEach((tp, t) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("targetCommit", onTarget.get(tp).offset());
                row.put("metadata", onTarget.get(tp).metadata());
                row.put("source", t.targetOffset());
                row.put("fingerprint", t.fingerprint());
                row.put("note", t.note());
                back.put(tp.toString(), row);
            });
            phase = "TRANSLATED";
            // mostly the reverse mirror copying up to the group's commits (a group at the head waits for it)
            move.put("returnTranslateMs", context.time().msSince(began));
            move.put("returnOffsets", back).put("returnPhase", phase);
            save();
        }
        if ("TRANSLATED".equals(phase)) {
            if (GroupOffsets.members(context.source(), group) > 0) {
                throw new GateFailedException("group " + group + " has members on the source again: its offsets there "
                        + "are not overwritten", "stop the consumers of " + group + " that run against the source, then "
                        + "run `cutover rollback` again");
            }
            Map<TopicPartition, OffsetAndMetadata> commits = returnOffsets();
            if (!commits.isEmpty()) {
                GroupOffsets.commit(context.source(), group, commits);
            }
            phase = "COMMITTED";
            move.put("returnPhase", phase);
            save();
            PausePoint.reach("rollback.after-group-commit");
        }
        if ("COMMITTED".equals(phase)) {
            try {
                long called = context.time().nanos();
                control.start(ClusterSide.SOURCE);
                move.put("returnStartControlMs", context.time().msSince(called));
            } catch (ControlException e) {
                throw new GateFailedException("could not start group " + group + " on the source: " + e.getMessage(),
                        "its offsets are committed on the source; start it by hand or fix the control and run `cutover rollback` again");
            }
            move.put("returnPhase", "RETURNED");
            save();
        }
    }

    /**
     * Every commit of the group translated back. Each round asks the target for all pending
     * partitions' ends at once and translates what the reverse mirror has copied far enough; the
     * rest wait for it (a group stopped at the target's head waits for the mirror's lag).
     */
    private Map<TopicPartition, Translation> translateAll(Map<TopicPartition, OffsetAndMetadata> commits)
            throws GateFailedException {
        Map<TopicPartition, Translation> done = new HashMap<>();
        NotCopiedYet[] waitingFor = new NotCopiedYet[1];
        return context.pollUntil(POLL, context.plan().gates().inSync().timeout(), waited -> {
            List<TopicPartition> pending = commits.keySet().stream().filter(tp -> !done.containsKey(tp)).toList();
            Map<TopicPartition, Long> ends = pending.isEmpty() ? Map.of() : translator.stableEnds(pending);
            waitingFor[0] = null;
            for (TopicPartition tp : pending) {
                try {
                    done.put(tp, translator.translate(tp, commits.get(tp).offset(), ends.get(tp)));
                } catch (NotCopiedYet e) {
                    waitingFor[0] = e;
                } catch (TranslationException e) {
                    throw new GateFailedException("group " + move.group() + ": " + e.getMessage(),
                            "nothing was committed on the source; run `cutover rollback` again after checking the topics");
                }
            }
            if (waitingFor[0] == null) {
                return Optional.of(done);
            }
            context.progress().update("rollback: " + move.group() + ": " + waitingFor[0].getMessage());
            return Optional.empty();
        }, waited -> new GateFailedException("group " + move.group() + ": " + waitingFor[0].getMessage(),
                "see `cutover status` for the reverse mirror; run `cutover rollback` again"));
    }

    private Map<TopicPartition, OffsetAndMetadata> returnOffsets() {
        return committedBack(move.get("returnOffsets"));
    }

    /**
     * What a rollback commits (or committed) for a group on the source, per partition, read from its
     * move-consumers evidence entry ({@code returnOffsets}); empty before its translation.
     */
    public static Map<TopicPartition, OffsetAndMetadata> committedBack(Object returnOffsets) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        if (returnOffsets instanceof Map<?, ?> back) {
            back.forEach((tp, v) -> {
                String name = (String) tp;
                Map<?, ?> row = (Map<?, ?>) v;
                int dash = name.lastIndexOf('-');
                commits.put(new TopicPartition(name.substring(0, dash), Integer.parseInt(name.substring(dash + 1))),
                        new OffsetAndMetadata(((Number) row.get("source")).longValue(), (String) row.get("metadata")));
            });
        }
        return commits;
    }

    private void awaitEmptyOnTarget() throws GateFailedException {
        Duration timeout = context.plan().gates().quiesce().timeout();
        int[] members = new int[1];
        context.pollUntil(POLL, timeout, waited -> {
            members[0] = GroupOffsets.members(context.target(), move.group());
            if (members[0] > 0) {
                context.progress().update("rollback: waiting for " + move.group() + " to empty on the target");
            }
            return members[0] == 0 ? Optional.of(true) : Optional.empty();
        }, waited -> new GateFailedException("group " + move.group() + " still has " + members[0] + " member(s) on the target "
                + timeout.toSeconds() + " s after its stop", "stop its consumers, then run `cutover rollback` again"));
    }

    /** Records this group's entry (under move-consumers' evidence, where its move is) alone. */
    private void save() {
        move.save(context.ledger(), GateName.MOVE_CONSUMERS.label(), List.of());
    }
}
