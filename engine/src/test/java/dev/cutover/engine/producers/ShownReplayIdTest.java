package dev.cutover.engine.producers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The target replay id recorded beside the source one looks like it when it is the same id. */
class ShownReplayIdTest {

    private static final String HEADER = "sfdc.replayId";

    @Test
    void an_id_held_as_text_is_shown_as_that_text_like_the_position_the_stop_control_reported() {
        ResumePosition reported = new ResumePosition("AAAAGHaYAvE=", null);

        String shown = new ReplayHeader(HEADER).shown(record("AAAAGHaYAvE=".getBytes(StandardCharsets.UTF_8)));

        assertThat(shown).isEqualTo(reported.asStored()).isNotEqualTo("QUFBQUdIYVlBdkU9");
    }

    @Test
    void an_id_held_as_binary_bytes_is_shown_as_their_base64() {
        byte[] raw = {0, 0, 0, 0x18, 0x76, (byte) 0x98, 0x02, (byte) 0xF1};

        assertThat(new ReplayHeader(HEADER).shown(record(raw))).isEqualTo(Base64.getEncoder().encodeToString(raw))
                .isEqualTo("AAAAGHaYAvE=");
    }

    @Test
    void bytes_that_are_not_utf8_or_hold_control_characters_are_base64_and_no_header_is_null() {
        byte[] notUtf8 = {(byte) 0xC3, 0x28};
        byte[] tab = "a\tb".getBytes(StandardCharsets.UTF_8);

        assertThat(new ReplayHeader(HEADER).shown(record(notUtf8))).isEqualTo(Base64.getEncoder().encodeToString(notUtf8));
        assertThat(new ReplayHeader(HEADER).shown(record(tab))).isEqualTo(Base64.getEncoder().encodeToString(tab));
        assertThat(new ReplayHeader(HEADER).shown(new ConsumerRecord<>("t", 0, 0, null, null))).isNull();
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] replayId) {
        ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>("t", 0, 0, null, null);
        r.headers().add(HEADER, replayId);
        return r;
    }
}
