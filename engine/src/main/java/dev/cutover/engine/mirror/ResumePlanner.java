package dev.cutover.engine.mirror;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where each partition's copy resumes so that no record is lost or duplicated, whatever
 * way the previous run ended (clean stop, crash, kill -9). See {@link EmbeddedMirror} for the
 * invariant this relies on.
 *
 * <p>For a stored {@code (s, t)} and target end {@code E}:
 * <ul>
 *   <li>{@code E == t}: resume the source at {@code s};</li>
 *   <li>{@code E > t}: {@code k} records reached the target after the last save. Count them on
 *       the target in {@code [t, E)}, then walk the source from {@code s} with a read_committed
 *       consumer: the copy resumes right after the {@code k}-th record;</li>
 *   <li>{@code E < t}: the target lost acknowledged records: refuse.</li>
 * </ul>
 * A partition with nothing stored starts at the source log start, and only on an empty target
 * partition (anything there would be duplicated or is someone else's).
 */
final class ResumePlanner {

    private static final Logger log = LoggerFactory.getLogger(ResumePlanner.class);

    private final Admin sourceAdmin;
    private final Admin targetAdmin;
    private final Consumer<byte[], byte[]> sourceReader;
    private final Consumer<byte[], byte[]> targetReader;
    private final Duration walkTimeout;

    /** The consumers are the caller's: source read_committed, target any isolation; none in a group. */
    ResumePlanner(Admin sourceAdmin, Admin targetAdmin, Consumer<byte[], byte[]> sourceReader,
                  Consumer<byte[], byte[]> targetReader, Duration walkTimeout) {
        this.sourceAdmin = sourceAdmin;
        this.targetAdmin = targetAdmin;
        this.sourceReader = sourceReader;
        this.targetReader = targetReader;
        this.walkTimeout = walkTimeout;
    }

    /**
     * The position each partition resumes from: next source offset to read, and the target
     * offset the next copied record will get (the target end).
     *
     * @throws MirrorDataLossException when a stored position lies before the source log start
     * @throws MirrorException         when the target lost records or holds unexpected ones
     */
    /** Where to resume, and the anchors of the records copied after the last save (their own were lost). */
    record Resume(Map<TopicPartition, CopyPosition> positions, List<CopyAnchor> anchors) {
    }

    Resume plan(Collection<TopicPartition> partitions, Map<TopicPartition, CopyPosition> stored) {
        Map<TopicPartition, Long> logStart = Offsets.earliest(sourceAdmin, partitions);
        Map<TopicPartition, Long> sourceEnd = Offsets.latest(sourceAdmin, partitions);
        Map<TopicPartition, Long> targetEnd = Offsets.latest(targetAdmin, partitions);
        Map<TopicPartition, CopyPosition> out = new LinkedHashMap<>();
        List<CopyAnchor> anchors = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            long start = logStart.get(tp);
            long end = targetEnd.get(tp);
            CopyPosition saved = stored.get(tp);
            if (saved == null) {
                if (end > 0) {
                    throw new MirrorException("target partition " + tp + " already ends at offset " + end
                            + " but no copy position is stored for it: copying would duplicate records. "
                            + "Empty the target topic (delete and let the topics gate recreate it) or restore the positions.");
                }
                out.put(tp, new CopyPosition(start, end));
                continue;
            }
            out.put(tp, resume(tp, saved, start, sourceEnd.get(tp), end, anchors));
        }
        return new Resume(out, anchors);
    }

    private CopyPosition resume(TopicPartition tp, CopyPosition saved, long logStart, long sourceEnd, long targetEnd,
                                List<CopyAnchor> anchors) {
        long s = saved.nextSourceOffset();
        long t = saved.nextTargetOffset();
        if (targetEnd < t) {
            throw new MirrorException("target partition " + tp + " ends at offset " + targetEnd
                    + " but " + t + " offsets were acknowledged there: the target lost copied records "
                    + "(topic recreated or truncated?). Recreate the target topic empty and restart the mirror from scratch.");
        }
        if (s < logStart) {
            throw new MirrorDataLossException(tp, s, logStart);
        }
        if (s > sourceEnd) {
            throw new MirrorException("source partition " + tp + " ends at offset " + sourceEnd + " but the saved position "
                    + "says " + s + " offsets were already copied: the source topic was recreated or truncated. "
                    + "Copying on would duplicate records; check the source before restarting from scratch.");
        }
        if (targetEnd == t) {
            return saved;
        }
        long k = targetReaderCount(tp, t, targetEnd);
        if (k == 0) {
            return new CopyPosition(s, targetEnd);
        }
        // The records copied after the last save lost their anchors with the crash: re-derive them while
        // walking, the i-th record having gone to target offset t + i.
        long[] walked = {0, -1};
        OptionalLong kth = new LogReader(sourceReader, walkTimeout).offsetOfNth(tp, s, k, sourceEnd, offset -> {
            long target = t + walked[0];
            if (walked[0] == 0 || offset != walked[1] + 1) {
                anchors.add(new CopyAnchor(tp, offset, target));
            }
            walked[0]++;
            walked[1] = offset;
        });
        if (kth.isEmpty()) {
            throw new MirrorException("target partition " + tp + " holds " + k + " records after the saved position "
                    + saved + " but the source has fewer than " + k + " committed records from offset " + s
                    + ": something else wrote to the target. Stop other writers and recreate the target topic.");
        }
        CopyPosition resumed = new CopyPosition(kth.getAsLong() + 1, targetEnd);
        log.info("{}: {} records were copied after the last save; resuming at source offset {} (saved {})",
                tp, k, resumed.nextSourceOffset(), s);
        return resumed;
    }

    private long targetReaderCount(TopicPartition tp, long from, long to) {
        OptionalLong k = new LogReader(targetReader, walkTimeout).count(tp, from, to);
        if (k.isEmpty()) {
            throw new MirrorException("could not read target partition " + tp + " from " + from + " to " + to
                    + " within " + walkTimeout.toSeconds() + " s to count the records copied after the last save");
        }
        return k.getAsLong();
    }
}
