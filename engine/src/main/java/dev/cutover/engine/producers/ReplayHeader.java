package dev.cutover.engine.producers;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The replay id a record carries in the header the plan names ({@code replay-header}). Ids are
 * opaque: they are compared for equality only, in the base64 of the header's bytes; the header
 * may hold the id as bytes or as text, so a reported id is matched against both forms.
 */
final class ReplayHeader {

    private final String name;

    ReplayHeader(String name) {
        this.name = name;
    }

    /** The id in its compared form, the base64 of the header's bytes; null when the record has none. */
    String id(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = value(record);
        return value == null ? null : Base64.getEncoder().encodeToString(value);
    }

    /** The header's bytes read as UTF-8 text (how a bridge that writes text ids reports them); null without one. */
    String text(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = value(record);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /**
     * The id in the form a control reports one, for showing beside the reported position: the
     * header's text when its bytes are printable UTF-8, else their base64. Only shown and stored.
     */
    String shown(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = value(record);
        if (value == null) {
            return null;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
            boolean printable = !text.isBlank() && text.codePoints().noneMatch(c -> Character.isISOControl(c)
                    || !Character.isDefined(c) || Character.getType(c) == Character.FORMAT);
            return printable ? text : Base64.getEncoder().encodeToString(value);
        } catch (CharacterCodingException e) {
            return Base64.getEncoder().encodeToString(value); // not text: shown as the bytes they are
        }
    }

    private byte[] value(ConsumerRecord<byte[], byte[]> record) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : h.value();
    }
}
