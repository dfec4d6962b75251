package dev.cutover.engine.consumers;

import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.controls.ControlException;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.PausePoint;
import dev.cutover.plans.GateName;
import dev.cutover.state.PositionRow;
import java.time.Duration;
import java.util.ArrayList;
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
 * Moves one consumer group from the source to the target (issue: move-consumers), one committed
 * phase at a time, so a killed gate resumes without stopping, committing or starting twice:
 * <ol>
 *   <li>stop it on the source; wait until it has no members;</li>
 *   <li>translate each committed offset to the target offset of the same next record, waiting for
 *       the mirror where needed, and verify it record against record;</li>
 *   <li>commit on the target (the group must be empty there), keeping each offset's metadata;
 *       partitions it never committed stay uncommitted;</li>
 *   <li>start it against the target; prove it: members join and its lag drains.</li>
 * </ol>
 * A failure before the target commit starts the group on the source again, untouched there.
 *
 * <p>Each save records this group's entry alone (see {@link GroupMove#save}), so the gate can run
 * several movers at once. A group without a control is done once committed: cutover neither starts
 * nor watches its consumers, so its commit and its completion are one save.
 */
public final class GroupMover {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final String GATE = GateName.MOVE_CONSUMERS.label();

    private final GateContext context;
    private final OffsetTranslator translator;
    private final GroupControl control;
    private final GroupMove move;
    private final Set<String> topics;

    /** @param topics the selected topics: only their partitions are moved */
    public GroupMover(GateContext context, OffsetTranslator translator, GroupControl control, GroupMove move,
                      Set<String> topics) {
        this.context = context;
        this.translator = translator;
        this.control = control;
        this.move = move;
        this.topics = topics;
    }

    /** Runs the remaining phases. */
    public void run() throws GroupMoveFailed {
        String group = move.group();
        if (move.phase() == MovePhase.RETURNED) {
            move.phase(MovePhase.PENDING); // an earlier attempt put it back: try again from the start
        }
        if (move.phase() == MovePhase.PENDING) {
            long called = context.time().nanos();
            try {
                control.stop();
            } catch (ControlException e) {
                throw putBack("could not stop group " + group + ": " + e.getMessage(), "check its stop control");
            }
            move.phase(MovePhase.STOPPED).put("stopControlMs", context.time().msSince(called))
                    .put("controlled", control.controlled());
            if (control.controlled()) {
                save(); // a stop was called: a resumed gate must know (for an uncontrolled group nothing was)
            }
        }
        if (move.phase() == MovePhase.STOPPED) {
            long began = context.time().nanos();
            awaitEmpty();
            translate();
            move.phase(MovePhase.TRANSLATED).put("translateMs", context.time().msSince(began));
            save(); // what is about to be committed on the target, recorded before it is
        }
        if (move.phase() == MovePhase.TRANSLATED) {
            long began = context.time().nanos();
            commitOnTarget();
            move.phase(MovePhase.COMMITTED).put("commitMs", context.time().msSince(began));
            if (!control.controlled()) {
                move.phase(MovePhase.VERIFIED).put("verified",
                        "not started by cutover: the plan names no control for it under consumers:");
            }
            move.save(context.ledger(), GATE, positions()); // the commit and the position map in one transaction
            PausePoint.reach("move.after-commit");
        }
        if (move.phase() == MovePhase.COMMITTED) {
            long called = context.time().nanos();
            try {
                control.start(ClusterSide.TARGET);
            } catch (ControlException e) {
                throw putBack("could not start group " + group + " on the target: " + e.getMessage(),
                        "check its start control");
            }
            move.phase(MovePhase.STARTED).put("startControlMs", context.time().msSince(called))
                    .put("startedAt", context.clock().instant().toString());
            save();
        }
        if (move.phase() == MovePhase.STARTED) {
            proveConsuming();
            move.phase(MovePhase.VERIFIED);
            save();
        }
    }

    private void awaitEmpty() throws GroupMoveFailed {
        Duration timeout = context.plan().gates().quiesce().timeout();
        Emptying emptying = new Emptying();
        context.pollUntil(POLL, timeout, emptying::look, waited -> putBack("group " + move.group() + " still has "
                        + emptying.members + " member(s) on the source " + timeout.toSeconds() + " s after its stop"
                        + (control.controlled() ? " control returned" : " was due"),
                control.controlled() ? "make consumers." + move.group() + ".control.stop stop every consumer of the group "
                        + "(or raise gates.quiesce.timeout)"
                        : "add a control for it under consumers: or stop its consumers by hand before this step"));
    }

    /** The wait for the group to leave the source: its member count at the last look, for the failure. */
    private final class Emptying {

        private int members;

        Optional<Integer> look(Duration waited) {
            members = GroupOffsets.members(context.source(), move.group());
            if (members == 0) {
                return Optional.of(members);
            }
            context.progress().update("move-consumers: waiting for " + move.group() + " to empty on the source ("
                    + members + " member(s))");
            return Optional.empty();
        }
    }

    private void translate() throws GroupMoveFailed {
        Map<TopicPartition, OffsetAndMetadata> committed = GroupOffsets.committed(context.source(), move.group(), topics);
        Map<String, Object> offsets = new TreeMap<>();
        List<String> uncommitted = new ArrayList<>();
        if (!committed.isEmpty()) {
            List<TopicPartition> partitions = new ArrayList<>(committed.keySet());
            OffsetTranslator.SourceBounds bounds;
            try {
                bounds = translator.bounds(partitions);
            } catch (TranslationException e) {
                throw putBack("group " + move.group() + ": " + e.getMessage(),
                        "nothing was committed on the target; the group runs on the source again");
            }
            // One deadline for all the group's partitions: each waits only for what the ones before it left.
            Duration timeout = context.plan().gates().inSync().timeout();
            long began = context.time().nanos();
            for (TopicPartition tp : partitions) {
                Duration left = timeout.minusNanos(context.time().nanos() - began);
                Translation t = translateWaiting(tp, committed.get(tp).offset(), bounds, left, timeout);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("committed", t.committed());
                row.put("metadata", committed.get(tp).metadata());
                row.put("nextSourceRecord", t.atEnd() ? null : t.nextSourceRecord());
                row.put("target", t.targetOffset());
                row.put("fingerprint", t.fingerprint());
                row.put("note", t.note());
                offsets.put(tp.toString(), row);
            }
            // Partitions of the same topics it never committed: left alone, so auto.offset.reset decides there too.
            Set<String> groupTopics = new java.util.TreeSet<>();
            partitions.forEach(tp -> groupTopics.add(tp.topic()));
            for (TopicPartition tp : dev.cutover.engine.clusters.ClusterInspector.partitions(
                    dev.cutover.engine.clusters.ClusterInspector.describeTopics(context.source(), groupTopics))) {
                if (!committed.containsKey(tp)) {
                    uncommitted.add(tp.toString());
                }
            }
        }
        move.put("offsets", offsets).put("uncommitted", uncommitted);
    }

    /** @param left what is left of the group's {@code timeout} */
    private Translation translateWaiting(TopicPartition tp, long offset, OffsetTranslator.SourceBounds groupBounds,
                                         Duration left, Duration timeout) throws GroupMoveFailed {
        CopyWait wait = new CopyWait(tp, offset, groupBounds);
        return context.pollUntil(POLL, left, wait::look, waited -> putBack("group " + move.group() + ": " + wait.notCopied
                        + " after " + timeout.toSeconds() + " s",
                "see `cutover status` for the mirror; raise gates.in-sync.timeout if it is only slow"));
    }

    /** The wait for the mirror to copy the record a committed offset points at; why it is not there yet, for the failure. */
    private final class CopyWait {

        private final TopicPartition tp;
        private final long offset;
        private OffsetTranslator.SourceBounds bounds;
        private String notCopied;

        CopyWait(TopicPartition tp, long offset, OffsetTranslator.SourceBounds groupBounds) {
            this.tp = tp;
            this.offset = offset;
            this.bounds = groupBounds;
        }

        Optional<Translation> look(Duration waited) throws GroupMoveFailed {
            try {
                if (notCopied != null) {
                    bounds = translator.bounds(List.of(tp)); // the source may have moved on since the last look
                }
                return Optional.of(translator.translate(tp, offset, bounds));
            } catch (NotCopiedYet e) {
                notCopied = e.getMessage();
                context.progress().update("move-consumers: " + move.group() + ": " + e.getMessage());
                return Optional.empty();
            } catch (TranslationException e) {
                throw putBack("group " + move.group() + ": " + e.getMessage(),
                        "nothing was committed on the target; the group runs on the source again");
            }
        }
    }

    private void commitOnTarget() throws GroupMoveFailed {
        Map<TopicPartition, OffsetAndMetadata> wanted = wanted();
        int members = GroupOffsets.members(context.target(), move.group());
        if (members > 0) {
            throw putBack("group " + move.group() + " is already active on the target with " + members
                    + " member(s): its offsets there are not overwritten",
                    "stop the consumers of " + move.group() + " that run against the target, then step again");
        }
        Map<TopicPartition, OffsetAndMetadata> existing = GroupOffsets.committed(context.target(), move.group(), topics);
        Map<String, Object> replaced = new TreeMap<>();
        existing.forEach((tp, om) -> {
            OffsetAndMetadata ours = wanted.get(tp);
            if (ours == null || ours.offset() != om.offset()) {
                replaced.put(tp.toString(), om.offset());
            }
        });
        if (!replaced.isEmpty()) {
            // An empty group's leftovers (an earlier test run, a tool): recorded, then replaced or removed.
            move.put("replacedOnTarget", replaced);
            List<TopicPartition> stale = existing.keySet().stream().filter(tp -> !wanted.containsKey(tp)).toList();
            GroupOffsets.forget(context.target(), move.group(), stale);
        }
        if (!wanted.isEmpty()) {
            GroupOffsets.commit(context.target(), move.group(), wanted);
        }
        Map<TopicPartition, OffsetAndMetadata> readBack = GroupOffsets.committed(context.target(), move.group(), topics);
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : wanted.entrySet()) {
            OffsetAndMetadata got = readBack.get(e.getKey());
            if (got == null || got.offset() != e.getValue().offset()) {
                throw new GroupMoveFailed("group " + move.group() + ": committed " + e.getValue().offset() + " on "
                        + e.getKey() + " on the target but it reads back " + (got == null ? "nothing" : got.offset()),
                        "check for another tool committing for this group on the target");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<TopicPartition, OffsetAndMetadata> wanted() {
        Map<TopicPartition, OffsetAndMetadata> wanted = new HashMap<>();
        Map<String, Object> offsets = (Map<String, Object>) move.get("offsets");
        if (offsets != null) {
            offsets.forEach((tp, row) -> {
                Map<String, Object> r = (Map<String, Object>) row;
                wanted.put(partition(tp), new OffsetAndMetadata(((Number) r.get("target")).longValue(),
                        (String) r.get("metadata")));
            });
        }
        return wanted;
    }

    private void save() {
        move.save(context.ledger(), GATE, List.of());
    }

    /** The position map's rows of this group: one per committed partition. */
    @SuppressWarnings("unchecked")
    private List<PositionRow> positions() {
        Map<String, Object> offsets = (Map<String, Object>) move.get("offsets");
        List<PositionRow> rows = new ArrayList<>();
        if (offsets == null) {
            return rows;
        }
        offsets.forEach((tp, row) -> {
            Map<String, Object> r = (Map<String, Object>) row;
            TopicPartition p = partition(tp);
            Object next = r.get("nextSourceRecord");
            long target = ((Number) r.get("target")).longValue();
            String fingerprint = (String) r.get("fingerprint");
            rows.add(new PositionRow(PositionRow.GROUP, move.group(), p.topic(), p.partition(),
                    null, null, next == null ? null : ((Number) next).longValue(), target,
                    ((Number) r.get("committed")).longValue(), target,
                    fingerprint != null ? "verified record " + fingerprint : String.valueOf(r.get("note"))));
        });
        return rows;
    }

    /** Members join on the target and the group's lag there drains (to what it was at the start, or less). */
    private void proveConsuming() throws GroupMoveFailed {
        Map<TopicPartition, OffsetAndMetadata> wanted = wanted();
        // One deadline for joining and consuming.
        Duration timeout = context.plan().gates().quiesce().timeout();
        long began = context.time().nanos();
        context.pollUntil(POLL, timeout, waited -> joined(), waited -> new GroupMoveFailed("group " + move.group()
                        + " has no member on the target " + timeout.toSeconds()
                        + " s after its start control returned; its offsets are committed there",
                "check the application; `cutover rollback` puts it back on the source"));
        if (wanted.isEmpty()) {
            move.put("verified", "members joined on the target");
            return;
        }
        // Lag drains: the group commits past where it started on at least one partition that had records,
        // or it has nothing to read at all.
        Map<TopicPartition, Long> ends = GroupOffsets.ends(context.target(), wanted.keySet());
        boolean nothingToRead = wanted.entrySet().stream().allMatch(e -> ends.get(e.getKey()) <= e.getValue().offset());
        if (!nothingToRead) {
            context.pollUntil(POLL, timeout.minusNanos(context.time().nanos() - began), waited -> consumedPast(wanted),
                    waited -> new GroupMoveFailed("group " + move.group() + " joined on the target but committed nothing "
                            + "past its translated offsets within " + timeout.toSeconds() + " s",
                            "check the application; `cutover rollback` puts it back on the source"));
        }
        move.put("verified", nothingToRead ? "members joined; nothing to read yet" : "members joined and consuming");
    }

    /** The group's member count on the target once it has any; empty to look again. */
    private Optional<Integer> joined() {
        int members = GroupOffsets.members(context.target(), move.group());
        if (members > 0) {
            return Optional.of(members);
        }
        context.progress().update("move-consumers: waiting for " + move.group() + " to join on the target");
        return Optional.empty();
    }

    /** What the group committed on the target once it is past a translated offset on some partition; empty to look again. */
    private Optional<Map<TopicPartition, OffsetAndMetadata>> consumedPast(Map<TopicPartition, OffsetAndMetadata> wanted) {
        Map<TopicPartition, OffsetAndMetadata> now = GroupOffsets.committed(context.target(), move.group(), topics);
        boolean progressed = wanted.entrySet().stream().anyMatch(e -> now.get(e.getKey()) != null
                && now.get(e.getKey()).offset() > e.getValue().offset());
        if (progressed) {
            return Optional.of(now);
        }
        context.progress().update("move-consumers: waiting for " + move.group() + " to consume on the target");
        return Optional.empty();
    }

    /** Starts the group on the source again (nothing was committed on the target) and fails it. */
    private GroupMoveFailed putBack(String message, String remedy) {
        try {
            control.start(ClusterSide.SOURCE);
            move.phase(MovePhase.RETURNED);
        } catch (ControlException e) {
            move.put("putBackError", e.getMessage());
        }
        move.put("failure", message);
        save();
        return new GroupMoveFailed(message, remedy + "; the group was started on the source again");
    }

    private static TopicPartition partition(String text) {
        int dash = text.lastIndexOf('-');
        return new TopicPartition(text.substring(0, dash), Integer.parseInt(text.substring(dash + 1)));
    }
}
