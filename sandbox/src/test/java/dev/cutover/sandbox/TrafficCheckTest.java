package dev.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficCheckTest {

    // Ids deliberately not in byte order: order must come from the emitted list, not the bytes.
    private static final byte[] A = {9};
    private static final byte[] B = {3};
    private static final byte[] C = {7};
    private static final byte[] D = {1};
    private static final List<byte[]> EMITTED = List.of(A, B, C, D);

    @Test
    void everyEventOnceAndInOrderIsClean() {
        TrafficReport report = TrafficCheck.check(EMITTED,
                List.of(rec("k1", A, 0), rec("k2", B, 1), rec("k1", C, 2), rec("k2", D, 3)));

        assertThat(report.clean()).isTrue();
        assertThat(report.emitted()).isEqualTo(4);
        assertThat(report.found()).isEqualTo(4);
    }

    @Test
    void reportsLostDuplicatedReorderedAndUnexpected() {
        List<TopicRecord> records = new ArrayList<>(List.of(
                rec("k1", C, 0), rec("k1", A, 1),              // A published before C, read after it
                rec("k2", B, 2), rec("k2", B, 3),              // B twice
                rec("k3", new byte[] {42}, 4), rec("k3", null, 5)));
        TrafficReport report = TrafficCheck.check(EMITTED, records);

        assertThat(report.clean()).isFalse();
        assertThat(report.lost()).containsExactly("AQ==");
        assertThat(report.duplicated()).containsExactly("Aw== x2");
        assertThat(report.reordered()).singleElement().asString().startsWith("key k1: CQ== (published #0)");
        assertThat(report.unexpected()).hasSize(2);
        assertThat(report.summary()).startsWith("emitted 4, found 5: 1 lost, 1 duplicated, 1 reordered, 2 unexpected");
    }

    private static TopicRecord rec(String key, byte[] replayId, long offset) {
        return new TopicRecord("sfdc.cdc.account", 0, offset, key, replayId, "{}");
    }
}
