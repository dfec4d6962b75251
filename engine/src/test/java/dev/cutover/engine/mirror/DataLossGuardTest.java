package dev.cutover.engine.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.mirror.MirrorUtils;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class DataLossGuardTest {

    private static final TopicPartition TP = new TopicPartition("sfdc.cdc.account", 0);

    private final List<TopicPartition> lookedUp = new ArrayList<>();

    private DataLossGuard guard(long expected, long logStart) {
        return new DataLossGuard(tps -> {
            lookedUp.addAll(tps);
            return Map.of(TP, logStart);
        }, Map.of(TP, expected));
    }

    @Test
    void contiguousOffsetsNeedNoLookup() {
        DataLossGuard guard = guard(10, 0);
        guard.check(List.of(record(10), record(11), record(12)));
        guard.check(List.of(record(13)));
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void aGapWhoseOffsetsAreStillInTheLogIsMarkersOrCompaction() {
        DataLossGuard guard = guard(10, 4);
        guard.check(List.of(record(10), record(12), record(20)));
        assertThat(lookedUp).containsExactly(TP);
    }

    @Test
    void aGapPastTheLogStartIsDataLossNamingPartitionAndCount() {
        DataLossGuard guard = guard(10, 25);
        assertThatThrownBy(() -> guard.check(List.of(record(25), record(26))))
                .isInstanceOfSatisfying(MirrorDataLossException.class, e -> {
                    assertThat(e.partition()).isEqualTo(TP);
                    assertThat(e.lostOffsets()).isEqualTo(15);
                    assertThat(e.getMessage()).contains("sfdc.cdc.account-0").contains("15 offsets");
                });
    }

    @Test
    void expectationsAdvanceOnlyAfterABatchPassed() {
        DataLossGuard guard = guard(0, 0);
        guard.check(List.of(record(0), record(1)));
        guard.check(List.of(record(2)));
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void offsetsGoingBackwardsMeanTheSourceWasRecreated() {
        DataLossGuard guard = guard(50, 0);
        assertThatThrownBy(() -> guard.check(List.of(record(0))))
                .isInstanceOf(MirrorException.class).hasMessageContaining("went backwards");
    }

    private static SourceRecord record(long offset) {
        return new SourceRecord(Map.of(MirrorUtils.SOURCE_CLUSTER_KEY, "source", MirrorUtils.TOPIC_KEY, TP.topic(),
                MirrorUtils.PARTITION_KEY, TP.partition()), MirrorUtils.wrapOffset(offset), TP.topic(), TP.partition(),
                Schema.OPTIONAL_BYTES_SCHEMA, null, Schema.BYTES_SCHEMA, new byte[0]);
    }
}
