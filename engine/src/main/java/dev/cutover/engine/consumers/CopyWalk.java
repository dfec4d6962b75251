package dev.cutover.engine.consumers;

import dev.cutover.engine.clusters.ClusterClients;
import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.state.MirrorDirection;
import dev.cutover.state.MirrorProgress;
import dev.cutover.state.OffsetAnchor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.mirror.OffsetSync;

/**
 * Exact anchors for MirrorMaker 2 on Connect, which writes none: from the nearest known pair of
 * positions, both logs are read side by side until the record asked for, and every record of one is
 * compared with its counterpart of the other.
 *
 * <p>Why this is exact: read with {@code read_committed}, a mirrored range of a target partition
 * holds the same records as the source partition, in the same order, nothing else (exactly-once
 * copies; transaction markers, aborted copies of a dead worker and aborted source records are not
 * read), and after the switch the reverse copies on the source continue the same sequence. So the
 * n-th record read from a known pair on one side is the copy of the n-th read on the other. The
 * known pairs are MirrorMaker 2's offset syncs of both directions (record to record, but sparse: a
 * sync per {@code offset.lag.max} records at best, some skipped under load), the switch points and
 * the two log starts; they only shorten the walk, since every pair walked is compared record against
 * record. On compacted topics each side's log cleaner removes superseded records on its own schedule:
 * a record found on one side only is passed over once the other side's next record is found just
 * after it; a difference nothing explains fails the translation, it is never guessed past.
 */
public final class CopyWalk implements CopyAnchors {

    /** The longest walk: past it the translation fails rather than read a whole partition. */
    private static final long MAX_WALK = 2_000_000;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /** One record's position on each side: source offset, target offset. */
    record Pair(long source, long target) {
    }

    private final ClusterClients source;
    private final ClusterClients target;
    private final Map<TopicPartition, CopyPosition> switchPoints;
    private final String forwardSyncs;
    private final String reverseSyncs;
    private final Function<TopicPartition, Long> forwardCopied;
    private final Function<TopicPartition, Long> reverseCopied;
    private volatile Map<TopicPartition, NavigableMap<Long, Long>> bySource;
    private final Map<TopicPartition, Object> locks = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Pair> logStarts = new ConcurrentHashMap<>();

    /**
     * @param switchPoints  where the forward copy stopped at the switch (its next source and target offsets)
     * @param forwardSyncs  the forward connector's offset-syncs topic, on the target
     * @param reverseSyncs  the reverse connector's offset-syncs topic, on the source
     * @param forwardCopied the forward connector's next source offset to copy of a partition, now
     * @param reverseCopied the reverse connector's next target offset to copy of a partition, now
     */
    public CopyWalk(ClusterClients source, ClusterClients target, Map<TopicPartition, CopyPosition> switchPoints,
                    String forwardSyncs, String reverseSyncs, Function<TopicPartition, Long> forwardCopied,
                    Function<TopicPartition, Long> reverseCopied) {
        this.source = source;
        this.target = target;
        this.switchPoints = Map.copyOf(switchPoints);
        this.forwardSyncs = forwardSyncs;
        this.reverseSyncs = reverseSyncs;
        this.forwardCopied = forwardCopied;
        this.reverseCopied = reverseCopied;
    }

    @Override
    public boolean transactional() {
        return true;
    }

    @Override
    public Optional<OffsetAnchor> atOrBefore(MirrorDirection direction, TopicPartition tp, long offset) throws TranslationException {
        boolean bySourceSide = direction == MirrorDirection.FORWARD;
        return Optional.of(anchor(direction, tp, walkTo(tp, bySourceSide, offset)));
    }

    @Override
    public Optional<OffsetAnchor> atOrBeforeTarget(MirrorDirection direction, TopicPartition tp, long offset)
            throws TranslationException {
        boolean bySourceSide = direction == MirrorDirection.REVERSE;
        return Optional.of(anchor(direction, tp, walkTo(tp, bySourceSide, offset)));
    }

    /**
     * Forward: the switch points once switched; before, the connector's next source offset and, on the
     * target, the offset after the copy of the last record it copied. Reverse: the connector's next
     * target offset and, on the source, the offset after its last copy.
     */
    @Override
    public Optional<MirrorProgress> position(MirrorDirection direction, TopicPartition tp) throws TranslationException {
        CopyPosition point = switchPoints.get(tp);
        if (direction == MirrorDirection.FORWARD) {
            if (point != null) {
                return Optional.of(new MirrorProgress(tp.topic(), tp.partition(), point.nextSourceOffset(), point.nextTargetOffset(), null));
            }
            long next = forwardCopied.apply(tp);
            if (next == 0) {
                return Optional.empty();
            }
            long targetNext = lastBefore(tp, true, next).map(p -> p.target() + 1).orElse(0L);
            return Optional.of(new MirrorProgress(tp.topic(), tp.partition(), next, targetNext, null));
        }
        if (point == null) {
            return Optional.empty();
        }
        long next = reverseCopied.apply(tp);
        if (next <= point.nextTargetOffset()) {
            return Optional.of(new MirrorProgress(tp.topic(), tp.partition(), point.nextTargetOffset(), point.nextSourceOffset(), null));
        }
        long sourceNext = lastBefore(tp, false, next).map(p -> p.source() + 1).orElse(point.nextSourceOffset());
        return Optional.of(new MirrorProgress(tp.topic(), tp.partition(), next, Math.max(sourceNext, point.nextSourceOffset()), null));
    }

    private static OffsetAnchor anchor(MirrorDirection direction, TopicPartition tp, Pair pair) {
        return direction == MirrorDirection.FORWARD
                ? new OffsetAnchor(tp.topic(), tp.partition(), pair.source(), pair.target())
                : new OffsetAnchor(tp.topic(), tp.partition(), pair.target(), pair.source());
    }

    /** The pair of the record at {@code offset} on one side (the source side when {@code bySourceSide}). */
    Pair walkTo(TopicPartition tp, boolean bySourceSide, long offset) throws TranslationException {
        synchronized (locks.computeIfAbsent(tp, k -> new Object())) {
            Start from = nearest(tp, bySourceSide, offset).orElseThrow(() -> new TranslationException(tp
                    + ": no known copy position at or before " + (bySourceSide ? "source" : "target") + " offset " + offset
                    + " (no MirrorMaker 2 offset sync that old is left in " + forwardSyncs + ")"));
            try (Walk walk = new Walk(tp, from)) {
                Pair previous = null;
                for (long n = 0; n < MAX_WALK; n++) {
                    Optional<Pair> pair = walk.next();
                    if (pair.isEmpty()) {
                        break;
                    }
                    long at = bySourceSide ? pair.get().source() : pair.get().target();
                    if (at == offset) {
                        return pair.get();
                    }
                    if (at > offset) {
                        // The record asked for exists (the caller read it) but its copy was compacted away on the
                        // other side: a reader there placed just after the previous copy (or at the known position
                        // the walk began from) reads what follows, as it would here. The caller verifies that next
                        // retained record.
                        long other = previous == null ? (bySourceSide ? walk.aligned().target() : walk.aligned().source())
                                : (bySourceSide ? previous.target() : previous.source()) + 1;
                        return bySourceSide ? new Pair(offset, other) : new Pair(other, offset);
                    }
                    previous = pair.get();
                }
            }
            throw new TranslationException(tp + ": the copy of the record at " + (bySourceSide ? "source" : "target")
                    + " offset " + offset + " was not found within " + MAX_WALK + " records of the nearest known position "
                    + from.pair());
        }
    }

    /** The pair of the last record before offset {@code bound} on one side (the source side when {@code bySourceSide}). */
    private Optional<Pair> lastBefore(TopicPartition tp, boolean bySourceSide, long bound) throws TranslationException {
        synchronized (locks.computeIfAbsent(tp, k -> new Object())) {
            Optional<Start> from = nearest(tp, bySourceSide, bound - 1);
            if (from.isEmpty()) {
                return Optional.empty();
            }
            Pair last = null;
            try (Walk walk = new Walk(tp, from.get())) {
                for (long n = 0; n < MAX_WALK; n++) {
                    Optional<Pair> pair = walk.next();
                    if (pair.isEmpty() || (bySourceSide ? pair.get().source() : pair.get().target()) >= bound) {
                        return Optional.ofNullable(last);
                    }
                    last = pair.get();
                }
            }
            throw new TranslationException(tp + ": the last copy before " + (bySourceSide ? "source" : "target") + " offset "
                    + bound + " was not found within " + MAX_WALK + " records of " + from.get().pair());
        }
    }

    /**
     * Where a walk starts: a known pair, and how many offsets retention removed past it on each side
     * (the walk then first passes over the other side's copies whose originals are gone).
     */
    record Start(Pair pair, long sourceGap, long targetGap) {
    }

    /**
     * The known pair at or before {@code offset} on the side asked, from the offset syncs of both
     * directions and the switch point; where retention removed what it names, moved up to the log
     * start with the gap counted (see {@link Start}). Where no sync is known at or before the offset,
     * the walk starts at the two log starts, first passing over target copies of records retention
     * removed from the source; a walk from a wrong pair fails at its first comparison.
     */
    private Optional<Start> nearest(TopicPartition tp, boolean bySourceSide, long offset) {
        NavigableMap<Long, Long> pairs = new TreeMap<>(syncs().getOrDefault(tp, new TreeMap<>()));
        CopyPosition point = switchPoints.get(tp);
        if (point != null) {
            pairs.put(point.nextSourceOffset(), point.nextTargetOffset());
        }
        Pair starts = logStarts.computeIfAbsent(tp, k -> new Pair(logStart(source, k), logStart(target, k)));
        Pair best = null;
        for (Map.Entry<Long, Long> e : pairs.entrySet()) {
            long at = bySourceSide ? e.getKey() : e.getValue();
            if (at <= offset && (best == null || at > side(best, bySourceSide))) {
                best = new Pair(e.getKey(), e.getValue());
            }
        }
        if (best == null) {
            if (side(starts, bySourceSide) > offset) {
                return Optional.empty();
            }
            // No sync that old is known (MirrorMaker 2 writes them sparsely under load): if retention moved the
            // source's start, the target may still hold copies of records before it, so the walk first passes
            // over those (up to the longest walk) to the copy of the source's first record.
            return Optional.of(new Start(starts, starts.source() > 0 ? MAX_WALK : 0, 0));
        }
        long sourceGap = Math.max(0, starts.source() - best.source());
        long targetGap = Math.max(0, starts.target() - best.target());
        return Optional.of(new Start(new Pair(best.source() + sourceGap, best.target() + targetGap), sourceGap, targetGap));
    }

    private static long side(Pair pair, boolean bySourceSide) {
        return bySourceSide ? pair.source() : pair.target();
    }

    /** Both directions' offset syncs, read once: source offset to target offset, by partition. */
    private Map<TopicPartition, NavigableMap<Long, Long>> syncs() {
        Map<TopicPartition, NavigableMap<Long, Long>> loaded = bySource;
        if (loaded == null) {
            synchronized (this) {
                if (bySource == null) {
                    Map<TopicPartition, NavigableMap<Long, Long>> pairs = new HashMap<>();
                    for (OffsetSync s : readSyncs(target, forwardSyncs)) {
                        pairs.computeIfAbsent(s.topicPartition(), k -> new TreeMap<>()).put(s.upstreamOffset(), s.downstreamOffset());
                    }
                    // The reverse connector's upstream is the target.
                    for (OffsetSync s : readSyncs(source, reverseSyncs)) {
                        pairs.computeIfAbsent(s.topicPartition(), k -> new TreeMap<>()).put(s.downstreamOffset(), s.upstreamOffset());
                    }
                    bySource = pairs;
                }
                loaded = bySource;
            }
        }
        return loaded;
    }

    private static List<OffsetSync> readSyncs(ClusterClients cluster, String topic) {
        List<OffsetSync> syncs = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(cluster, "cutover-offset-syncs-" + cluster.role())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                return syncs;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> syncs.add(OffsetSync.deserializeRecord(r)));
            }
        } catch (TimeoutException e) {
            // No such topic yet (the reverse connector never copied a record): no syncs from it.
        }
        return syncs;
    }

    private static long logStart(ClusterClients cluster, TopicPartition tp) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(cluster, "cutover-copy-walk-" + cluster.role())) {
            return consumer.beginningOffsets(List.of(tp)).get(tp);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(ClusterClients cluster, String clientId) {
        Map<String, Object> p = new HashMap<>(cluster.properties());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Both logs read side by side from a known pair, record against record. Where they differ, one side
     * holds a record the other side's log cleaner removed (a newer record of its key follows on both):
     * the side whose next record the other holds a little further on skips to it. Records compared
     * by fingerprint; a difference that no look ahead explains fails the walk.
     */
    private final class Walk implements AutoCloseable {

        /** How far ahead a side is searched for the other's record before the walk gives up. */
        private static final int LOOK_AHEAD = 5_000;

        private final Cursor onSource;
        private final Cursor onTarget;
        private final TopicPartition tp;

        private final Pair aligned;

        /**
         * Opens both sides at the start; where retention removed records past the known pair on one
         * side, the other side's copies of them are passed over first, up to the next record both hold.
         */
        Walk(TopicPartition tp, Start from) throws TranslationException {
            this.tp = tp;
            this.onSource = new Cursor(source, tp, from.pair().source());
            this.onTarget = new Cursor(target, tp, from.pair().target());
            if (from.sourceGap() > 0) {
                align(onSource, onTarget, from.sourceGap(), "source");
            }
            if (from.targetGap() > 0) {
                align(onTarget, onSource, from.targetGap(), "target");
            }
            if (from.sourceGap() == 0 && from.targetGap() == 0) {
                this.aligned = from.pair();
            } else {
                // Past a gap the known position is where both sides' next records are.
                Optional<Seen> s = onSource.peek(0);
                Optional<Seen> t = onTarget.peek(0);
                this.aligned = new Pair(s.map(Seen::offset).orElse(from.pair().source()),
                        t.map(Seen::offset).orElse(from.pair().target()));
            }
        }

        /** Skips on {@code other} to the copy of {@code gapped}'s first record: at most {@code gap} copies of removed records. */
        private void align(Cursor gapped, Cursor other, long gap, String side) throws TranslationException {
            Optional<Seen> first = gapped.peek(0);
            if (first.isEmpty()) {
                return;
            }
            if (!other.skipUntil(first.get().fingerprint(), gap + LOOK_AHEAD)) {
                throw new TranslationException(tp + ": retention removed " + gap + " offsets on the " + side + " past the nearest "
                        + "known position, and the copy of the record at " + side + " offset " + first.get().offset()
                        + " is not within " + (gap + LOOK_AHEAD) + " records on the other side");
            }
        }

        /** Where the walk starts: the known pair, or past a gap, both sides' next records. */
        Pair aligned() {
            return aligned;
        }

        Optional<Pair> next() throws TranslationException {
            while (true) {
                Optional<Seen> s = onSource.peek(0);
                Optional<Seen> t = onTarget.peek(0);
                if (s.isEmpty() || t.isEmpty()) {
                    return Optional.empty();
                }
                if (s.get().fingerprint().equals(t.get().fingerprint())) {
                    onSource.skip(1);
                    onTarget.skip(1);
                    return Optional.of(new Pair(s.get().offset(), t.get().offset()));
                }
                int onTargetAt = onTarget.find(s.get().fingerprint(), LOOK_AHEAD);
                int onSourceAt = onSource.find(t.get().fingerprint(), LOOK_AHEAD);
                if (onTargetAt < 0 && onSourceAt < 0) {
                    throw new TranslationException(tp + ": the record at source offset " + s.get().offset() + " and the record "
                            + "at target offset " + t.get().offset() + " should be the same record and are not, and neither "
                            + "appears within " + LOOK_AHEAD + " records on the other side: the copy does not hold the source "
                            + "record for record there");
                }
                if (onTargetAt >= 0 && (onSourceAt < 0 || onTargetAt <= onSourceAt)) {
                    onTarget.skip(onTargetAt); // compacted away on the source: the target still holds these
                } else {
                    onSource.skip(onSourceAt); // compacted away on the target
                }
            }
        }

        @Override
        public void close() {
            onSource.close();
            onTarget.close();
        }
    }

    /** A record as the walk compares it. */
    private record Seen(long offset, String fingerprint) {
    }

    /** The committed records of one partition from an offset to its last stable offset, in order, with a look ahead. */
    private static final class Cursor implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final TopicPartition tp;
        private final long end;
        private final ArrayDeque<Seen> ahead = new ArrayDeque<>();
        private boolean exhausted;

        Cursor(ClusterClients cluster, TopicPartition tp, long from) {
            this.consumer = consumer(cluster, "cutover-copy-walk-" + cluster.role());
            this.tp = tp;
            consumer.assign(List.of(tp));
            this.end = consumer.endOffsets(List.of(tp)).get(tp);
            consumer.seek(tp, from);
        }

        /** The record {@code i} places ahead, reading as far as needed. */
        Optional<Seen> peek(int i) throws TranslationException {
            while (ahead.size() <= i && !exhausted) {
                fetch();
            }
            if (ahead.size() <= i) {
                return Optional.empty();
            }
            int n = 0;
            for (Seen seen : ahead) {
                if (n++ == i) {
                    return Optional.of(seen);
                }
            }
            return Optional.empty();
        }

        /** How many places ahead a record with this fingerprint is, or -1 within {@code limit}. */
        int find(String fingerprint, int limit) throws TranslationException {
            for (int i = 0; i < limit; i++) {
                Optional<Seen> seen = peek(i);
                if (seen.isEmpty()) {
                    return -1;
                }
                if (seen.get().fingerprint().equals(fingerprint)) {
                    return i;
                }
            }
            return -1;
        }

        /** Passes over records until one with this fingerprint is next; false if none within {@code limit} (or the end). */
        boolean skipUntil(String fingerprint, long limit) throws TranslationException {
            for (long n = 0; n <= limit; n++) {
                Optional<Seen> next = peek(0);
                if (next.isEmpty()) {
                    return false;
                }
                if (next.get().fingerprint().equals(fingerprint)) {
                    return true;
                }
                ahead.poll();
            }
            return false;
        }

        void skip(int n) {
            for (int i = 0; i < n; i++) {
                ahead.poll();
            }
        }

        private void fetch() throws TranslationException {
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (true) {
                if (consumer.position(tp) >= end) {
                    exhausted = true;
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new TranslationException("could not read " + tp + " within " + READ_TIMEOUT.toSeconds() + " s");
                }
                List<ConsumerRecord<byte[], byte[]>> records = consumer.poll(Duration.ofMillis(100)).records(tp);
                if (!records.isEmpty()) {
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        if (r.offset() < end) {
                            ahead.add(new Seen(r.offset(), RecordFingerprint.of(r)));
                        }
                    }
                    return;
                }
            }
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
