package dev.cutover.engine.mirror;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Log start and end offsets of many partitions in one request. */
final class Offsets {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Offsets() {
    }

    static Map<TopicPartition, Long> earliest(Admin admin, Collection<TopicPartition> tps) {
        return list(admin, tps, OffsetSpec.earliest(), IsolationLevel.READ_UNCOMMITTED);
    }

    /** The high watermark: the end of the log including open transactions. */
    static Map<TopicPartition, Long> latest(Admin admin, Collection<TopicPartition> tps) {
        return list(admin, tps, OffsetSpec.latest(), IsolationLevel.READ_UNCOMMITTED);
    }

    /** The last stable offset: how far a read_committed consumer can read. */
    static Map<TopicPartition, Long> lastStable(Admin admin, Collection<TopicPartition> tps) {
        return list(admin, tps, OffsetSpec.latest(), IsolationLevel.READ_COMMITTED);
    }

    private static Map<TopicPartition, Long> list(Admin admin, Collection<TopicPartition> tps, OffsetSpec spec,
                                                   IsolationLevel isolation) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        tps.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, Long> out = new HashMap<>();
        if (request.isEmpty()) {
            return out;
        }
        try {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin
                    .listOffsets(request, new ListOffsetsOptions(isolation))
                    .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            result.forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MirrorException("interrupted while listing offsets of " + tps, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new MirrorException("could not list offsets of " + tps + ": " + cause, cause);
        }
    }
}
