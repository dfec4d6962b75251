package dev.cutover.engine.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadingTextTest {

    @Test
    void recordsAreGroupedByThousandsAndSingularForOne() {
        assertThat(ReadingText.records(0)).isEqualTo("0 records");
        assertThat(ReadingText.records(1)).isEqualTo("1 record");
        assertThat(ReadingText.records(1234)).isEqualTo("1,234 records");
        assertThat(ReadingText.records(1_234_567)).isEqualTo("1,234,567 records");
    }

    @Test
    void durationsLeaveOutZeroPartsAndShowMillisecondsOnlyUnderASecond() {
        assertThat(ReadingText.duration(Duration.ofMillis(850))).isEqualTo("850ms");
        assertThat(ReadingText.duration(Duration.ZERO)).isEqualTo("0ms");
        assertThat(ReadingText.duration(Duration.ofSeconds(125))).isEqualTo("2m 5s");
        assertThat(ReadingText.duration(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(ReadingText.duration(Duration.ofSeconds(3605))).isEqualTo("1h 5s");
        assertThat(ReadingText.duration(Duration.ofHours(26).plusMinutes(3).plusMillis(999))).isEqualTo("26h 3m");
    }
}
