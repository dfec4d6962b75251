package dev.cutover.engine.consumers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * What makes two records the same record for offset translation: key, value, headers (in order)
 * and timestamp, hashed. Offsets and partitions are left out: they are what differ between the
 * clusters.
 */
public final class RecordFingerprint {

    private RecordFingerprint() {
    }

    /** SHA-256 over the record's content, first 16 bytes in hex. */
    public static String of(ConsumerRecord<byte[], byte[]> record) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            field(digest, record.key());
            field(digest, record.value());
            for (Header h : record.headers()) {
                field(digest, h.key().getBytes(StandardCharsets.UTF_8));
                field(digest, h.value());
            }
            digest.update(ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array());
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Length-prefixed, so a null, an empty array and field boundaries all hash differently. */
    private static void field(MessageDigest digest, byte[] bytes) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            digest.update(bytes);
        }
    }
}
