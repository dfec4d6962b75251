package dev.cutover.engine.rehearsal;

import dev.cutover.engine.clusters.ClusterClients;
import dev.cutover.engine.mirror.CopyPosition;
import dev.cutover.engine.run.Poll;
import dev.cutover.engine.run.Progress;
import dev.cutover.engine.run.Time;
import dev.cutover.plans.ProducerSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * What a staging rehearsal proves after its rollback, read from the clusters themselves, never from
 * the ledger's own account of them: the ledger gives only where to look (the switch points, where the
 * rehearsal began). Per producer: what it wrote on the source before the switch is on the target
 * once and in order; what it wrote on the target after the switch is on the source once and in order,
 * right after the switch point; it writes on the source again after that; its replay ids appear once.
 * Per group: its position on the source is the one its target position stands for (the same next
 * record), or later once its consumers have read on.
 */
final class StagingChecks {

    private static final Duration EVERY = Duration.ofMillis(500);

    private final ClusterClients source;
    private final ClusterClients target;
    private final Map<TopicPartition, Long> began;
    private final Map<TopicPartition, CopyPosition> switchPoints;
    private final Time time;
    private final Progress progress;
    private final Duration producerWait;
    /** Per partition, the source offset after the reverse copies of the target's records: what a producer writes next lands there. */
    private final Map<TopicPartition, Long> afterCopies = new HashMap<>();
    private final Map<TopicPartition, LogWindow> sourceWindows = new HashMap<>();

    /**
     * @param began        per partition of the selected topics, the source's end when the rehearsal began
     * @param switchPoints where the forward copy stopped at the switch (empty when it was not reached)
     * @param producerWait how long a producer may take to write its first event on the source again
     */
    StagingChecks(ClusterClients source, ClusterClients target, Map<TopicPartition, Long> began,
                  Map<TopicPartition, CopyPosition> switchPoints, Time time, Progress progress, Duration producerWait) {
        this.source = source;
        this.target = target;
        this.began = Map.copyOf(began);
        this.switchPoints = Map.copyOf(switchPoints);
        this.time = time;
        this.progress = progress;
        this.producerWait = producerWait;
    }

    /** The producer's checks: both copies exact, writing on the source again, replay ids once. */
    List<RehearsalCheck> producer(ProducerSpec producer) {
        List<RehearsalCheck> checks = new ArrayList<>();
        List<TopicPartition> partitions = partitionsOf(producer.topics());
        if (partitions.stream().anyMatch(tp -> !switchPoints.containsKey(tp))) {
            checks.add(new RehearsalCheck("producer " + producer.name() + ": switched and back", false,
                    "the switch did not reach every partition of " + producer.topics() + ", so there is no switch point to check from"));
            return checks;
        }
        try {
            checks.add(forwardCopy(producer, partitions));
            checks.add(reverseCopy(producer, partitions));
            checks.add(writesOnSource(producer, partitions));
            if (producer.replayHeader() != null) {
                checks.add(replayIds(producer, partitions));
            }
        } catch (RehearsalException e) {
            checks.add(new RehearsalCheck("producer " + producer.name() + ": records", false, e.getMessage()));
        }
        return checks;
    }

    /** Written on the source from the rehearsal's start to the switch: on the target once, in order, ending at the switch point. */
    private RehearsalCheck forwardCopy(ProducerSpec producer, List<TopicPartition> partitions) throws RehearsalException {
        Map<String, Object> evidence = new LinkedHashMap<>();
        long records = 0;
        List<String> wrong = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            CopyPosition at = switchPoints.get(tp);
            long from = began.getOrDefault(tp, 0L);
            List<String> written = LogWindow.fingerprints(sourceWindow(tp, from).from(from).stream()
                    .filter(e -> e.offset() < at.nextSourceOffset()).toList());
            // The copies end at the target's switch point; transaction markers and aborted copies of an
            // exactly-once engine sit between them, so read back further than the count.
            long back = Math.max(0, at.nextTargetOffset() - 2L * written.size() - 1_000);
            List<String> copies = LogWindow.fingerprints(LogWindow.read(target, tp, back, null).before(at.nextTargetOffset()));
            boolean exact = copies.size() >= written.size() && copies.subList(copies.size() - written.size(), copies.size()).equals(written);
            records += written.size();
            evidence.put(tp.toString(), Map.of("sourceFrom", from, "sourceTo", at.nextSourceOffset(), "records", written.size(),
                    "targetTo", at.nextTargetOffset(), "exact", exact));
            if (!exact) {
                wrong.add(tp.toString());
            }
        }
        return new RehearsalCheck("producer " + producer.name() + ": its records on the source before the switch are on the target",
                wrong.isEmpty(), wrong.isEmpty()
                        ? String.format("%,d records written from the rehearsal's start to the switch, each on the target once, in order, "
                                + "up to the switch point (%d partitions)", records, partitions.size())
                        : "the target's records before the switch point are not the source's, once and in order, on " + wrong,
                evidence);
    }

    /** Written on the target after the switch: on the source right after the switch point, once, in order. */
    private RehearsalCheck reverseCopy(ProducerSpec producer, List<TopicPartition> partitions) throws RehearsalException {
        Map<String, Object> evidence = new LinkedHashMap<>();
        long records = 0;
        List<String> wrong = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            CopyPosition at = switchPoints.get(tp);
            // The target first, then the source: since the rollback the forward copy brings the producer's new
            // source records to the target too, and each is on the source before its copy is on the target.
            List<LogWindow.Entry> onTarget = LogWindow.read(target, tp, at.nextTargetOffset(), null).records();
            List<LogWindow.Entry> onSource = freshSourceWindow(tp, began.getOrDefault(tp, 0L)).from(at.nextSourceOffset());
            List<String> written = LogWindow.fingerprints(onTarget);
            int differs = firstDifference(LogWindow.fingerprints(onSource), written);
            boolean exact = differs < 0;
            long after = written.isEmpty() ? at.nextSourceOffset() : exact ? onSource.get(written.size() - 1).offset() + 1 : -1;
            afterCopies.put(tp, after);
            records += written.size();
            evidence.put(tp.toString(), Map.of("targetFrom", at.nextTargetOffset(), "records", written.size(),
                    "sourceFrom", at.nextSourceOffset(), "sourceAfterCopies", after, "exact", exact));
            if (!exact) {
                wrong.add(tp + " (record " + (differs + 1) + " of " + written.size() + ": target offset "
                        + onTarget.get(differs).offset() + ", source " + (differs < onSource.size()
                                ? "offset " + onSource.get(differs).offset() + " holds another record" : "has no record there") + ")");
            }
        }
        return new RehearsalCheck("producer " + producer.name() + ": its records on the target reached the source", wrong.isEmpty(),
                wrong.isEmpty()
                        ? String.format("%,d records written on the target after the switch, each on the source once, in order, "
                                + "right after the switch point", records)
                        : "the source after the switch point does not start with the target's records once and in order, on " + wrong,
                evidence);
    }

    /** The index of the first of {@code expected} that {@code actual} does not hold at the same place, or -1. */
    private static int firstDifference(List<String> actual, List<String> expected) {
        for (int i = 0; i < expected.size(); i++) {
            if (i >= actual.size() || !actual.get(i).equals(expected.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** After the copies of its target writes, the producer's own next event on the source, within the wait. */
    private RehearsalCheck writesOnSource(ProducerSpec producer, List<TopicPartition> partitions)
            throws RehearsalException {
        String name = "producer " + producer.name() + ": writes on the source again";
        if (partitions.stream().anyMatch(tp -> afterCopies.get(tp) < 0)) {
            return new RehearsalCheck(name, false, "not checked: the reverse copy is not exact (above)");
        }
        // The last attempt, once the wait is over, answers the failure itself: Poll's own expiry is never reached.
        return Poll.until(time, EVERY, producerWait.plus(EVERY), waited -> {
            for (TopicPartition tp : partitions) {
                List<LogWindow.Entry> next = LogWindow.read(source, tp, afterCopies.get(tp), null).records();
                if (!next.isEmpty()) {
                    return Optional.of(new RehearsalCheck(name, true, String.format("first event at source offset %d of %s, after "
                                    + "the copies of its target writes (seen %d ms into the wait)", next.get(0).offset(), tp,
                            waited.toMillis()), Map.of("partition", tp.toString(), "offset", next.get(0).offset())));
                }
            }
            if (waited.compareTo(producerWait) >= 0) {
                return Optional.of(new RehearsalCheck(name, false, producerWait.isZero()
                        ? "no event on the source after the copies of its target writes, and not waited for: the rollback did not finish"
                        : "no event on the source after the copies of its target writes within " + producerWait.toSeconds()
                                + " s; a producer that writes rarely needs a longer --producer-wait",
                        Map.of("from", afterCopies.toString())));
            }
            progress.update("checks: waiting for producer " + producer.name() + " to write on the source again");
            return Optional.empty();
        }, waited -> new RehearsalException("waited " + waited.toSeconds() + " s for producer " + producer.name()));
    }

    /** Across the producer's topics on the source since the rehearsal began, every replay id once. */
    private RehearsalCheck replayIds(ProducerSpec producer, List<TopicPartition> partitions) throws RehearsalException {
        Set<String> seen = new HashSet<>();
        long records = 0;
        long repeated = 0;
        long without = 0;
        for (TopicPartition tp : partitions) {
            long from = began.getOrDefault(tp, 0L);
            for (LogWindow.Entry e : LogWindow.read(source, tp, from, producer.replayHeader()).records()) {
                records++;
                if (e.replayId() == null) {
                    without++;
                } else if (!seen.add(tp.topic() + "/" + e.replayId())) {
                    repeated++;
                }
            }
        }
        boolean clean = repeated == 0 && without == 0;
        return new RehearsalCheck("producer " + producer.name() + ": replay ids once on the source", clean,
                String.format("%,d records since the rehearsal began, %,d replay ids repeated, %,d without the %s header",
                        records, repeated, without, producer.replayHeader()),
                Map.of("records", records, "repeated", repeated, "withoutHeader", without));
    }

    /**
     * The group's position on the source against the one on the target: the rollback committed on the
     * source exactly the record its target position stands for (the same next record, found on both
     * clusters), and the group is there or, its consumers running again, later. Earlier would read
     * records again; a rollback commit past it would skip them.
     *
     * @param rolledBackTo what the rollback committed on the source, per partition (its record in the
     *                     ledger, checked here against the clusters); empty if it committed nothing
     */
    RehearsalCheck group(String group, List<String> topics, Map<TopicPartition, Long> rolledBackTo) {
        String name = "group " + group + ": back on the source where it was on the target";
        try {
            Map<TopicPartition, Long> onTarget = committed(target, group);
            Map<TopicPartition, Long> onSource = committed(source, group);
            Map<String, Object> evidence = new LinkedHashMap<>();
            List<String> wrong = new ArrayList<>();
            long ahead = 0;
            int exact = 0;
            for (TopicPartition tp : partitionsOf(topics)) {
                Long targetAt = onTarget.get(tp);
                if (targetAt == null) {
                    continue;
                }
                long at = onSource.getOrDefault(tp, -1L);
                Long committedBack = rolledBackTo.get(tp);
                Optional<Long> expected = sourcePositionOf(tp, targetAt, Math.max(0, Math.min(at, committedBack == null ? at : committedBack)));
                if (expected.isEmpty()) {
                    wrong.add(tp + " (its next record on the target, offset " + targetAt + ", is not on the source)");
                    continue;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("target", targetAt);
                row.put("sourceExpected", expected.get());
                row.put("rollbackCommitted", committedBack);
                row.put("sourceNow", at);
                evidence.put(tp.toString(), row);
                if (committedBack != null && committedBack.longValue() != expected.get()) {
                    wrong.add(tp + " (the rollback committed " + committedBack + ", its target position stands for " + expected.get()
                            + (committedBack < expected.get() ? ": records read again)" : ": records skipped)"));
                } else if (at < expected.get()) {
                    wrong.add(tp + " (committed " + at + " now, its target position stands for " + expected.get() + ")");
                } else if (committedBack != null || at == expected.get()) {
                    exact++;
                    ahead += at - expected.get();
                } else {
                    ahead += at - expected.get();
                }
            }
            if (evidence.isEmpty() && wrong.isEmpty()) {
                return new RehearsalCheck(name, false, "the group has no committed position on the target: it was never moved");
            }
            return new RehearsalCheck(name, wrong.isEmpty(), wrong.isEmpty()
                    ? String.format("%d of %d partition(s) committed back at exactly the record their target position stands for "
                                    + "(nothing to read again or skip); %s", exact, evidence.size(),
                            ahead == 0 ? "none read since" : String.format("%,d records read on the source since", ahead))
                    : "would read again or skip: " + String.join("; ", wrong), evidence);
        } catch (RehearsalException e) {
            return new RehearsalCheck(name, false, e.getMessage());
        }
    }

    /**
     * The source offset that a target position stands for: the source offset of the copy of the
     * target's next record (or of the original, for a record written on the target after the switch);
     * when the group is at the end on the target, the source's end of the copies.
     */
    private Optional<Long> sourcePositionOf(TopicPartition tp, long targetAt, long sourceAt) throws RehearsalException {
        long from = Math.min(began.getOrDefault(tp, 0L), sourceAt);
        LogWindow onSource = sourceWindow(tp, from);
        List<LogWindow.Entry> next = LogWindow.read(target, tp, targetAt, null).records();
        if (next.isEmpty()) {
            Long after = afterCopies.get(tp);
            if (after != null && after >= 0) {
                return Optional.of(after);
            }
            return Optional.of(onSource.records().isEmpty() ? from : onSource.records().get(onSource.records().size() - 1).offset() + 1);
        }
        String fingerprint = next.get(0).fingerprint();
        Optional<Long> found = offsetOf(onSource, fingerprint);
        // A forward copy newer than the source window read before: read the source again.
        return found.isPresent() ? found : offsetOf(freshSourceWindow(tp, from), fingerprint);
    }

    private static Optional<Long> offsetOf(LogWindow window, String fingerprint) {
        return window.records().stream().filter(e -> e.fingerprint().equals(fingerprint)).map(LogWindow.Entry::offset).findFirst();
    }

    private LogWindow freshSourceWindow(TopicPartition tp, long from) throws RehearsalException {
        sourceWindows.remove(tp);
        return sourceWindow(tp, from);
    }

    /** The source partition from {@code from} on, read once and shared by the checks. */
    private LogWindow sourceWindow(TopicPartition tp, long from) throws RehearsalException {
        LogWindow window = sourceWindows.get(tp);
        if (window == null || window.from() > from) {
            window = LogWindow.read(source, tp, from, null);
            sourceWindows.put(tp, window);
        }
        return window;
    }

    private List<TopicPartition> partitionsOf(List<String> topics) {
        return began.keySet().stream().filter(tp -> topics.contains(tp.topic()))
                .sorted(java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition)).toList();
    }

    private static Map<TopicPartition, Long> committed(ClusterClients cluster, String group) throws RehearsalException {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = cluster.admin().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> result = new HashMap<>();
            offsets.forEach((tp, o) -> {
                if (o != null) {
                    result.put(tp, o.offset());
                }
            });
            return result;
        } catch (ExecutionException | TimeoutException e) {
            throw new RehearsalException("could not read group " + group + "'s offsets on the " + cluster.role() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RehearsalException("interrupted while reading group " + group + "'s offsets");
        }
    }

    /** Per partition of {@code topics}, the source's end (committed records) now: where a rehearsal begins. */
    static Map<TopicPartition, Long> ends(ClusterClients cluster, List<String> topics) throws RehearsalException {
        try {
            Admin admin = cluster.admin();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((topic, d) ->
                    d.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        } catch (ExecutionException | TimeoutException e) {
            throw new RehearsalException("could not read the ends of " + topics + " on the " + cluster.role() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RehearsalException("interrupted while reading the ends of " + topics);
        }
    }
}
