package dev.cutover.plans.compile;

import dev.cutover.plans.Plan;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The facts a stored plan depends on; the fingerprint is their hash. {@code plan} computes it,
 * {@code step} recomputes it from fresh snapshots and refuses when it differs.
 *
 * <p>Covered: the plan text, both cluster ids, and the selected source topics with their partition
 * counts. Not covered: lags, offsets, group state and anything on the target besides its id. Those
 * move all the time, and the target's topics are created by the cutover itself: a fingerprint
 * that changed because of our own actions would refuse every step after {@code topics}.
 *
 * <p>{@link #describe()} writes the facts as lines the ledger can store; {@link #parse(List)}
 * reads them back so {@link StalenessCheck} can say what changed, not only that something did.
 *
 * @param planTextSha256 hex SHA-256 of the plan text (the text itself may be long)
 */
public record FingerprintFacts(
        String planTextSha256, String sourceClusterId, String targetClusterId,
        SortedMap<String, Integer> sourceTopicPartitions) {

    private static final String PLAN = "plan-text-sha256";
    private static final String SOURCE_ID = "source-cluster-id";
    private static final String TARGET_ID = "target-cluster-id";
    private static final String TOPIC = "source-topic";
    private static final String PARTITIONS = "partitions=";

    public FingerprintFacts {
        sourceTopicPartitions = Collections.unmodifiableSortedMap(new TreeMap<>(sourceTopicPartitions));
    }

    public static FingerprintFacts of(Plan plan, ClusterSnapshot source, ClusterSnapshot target) {
        SortedMap<String, Integer> partitions = new TreeMap<>();
        source.topics().values().stream()
                .filter(t -> plan.topics().selects(t.name()))
                .forEach(t -> partitions.put(t.name(), t.partitions()));
        return new FingerprintFacts(sha256(plan.text()), source.clusterId(), target.clusterId(), partitions);
    }

    /** One fact per line, in a fixed order, e.g. {@code source-topic sfdc.cdc.account partitions=6}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add(PLAN + " " + planTextSha256);
        lines.add(SOURCE_ID + " " + sourceClusterId);
        lines.add(TARGET_ID + " " + targetClusterId);
        sourceTopicPartitions.forEach((topic, count) -> lines.add(TOPIC + " " + topic + " " + PARTITIONS + count));
        return lines;
    }

    /** Hex SHA-256 over {@link #describe()}; the value stored as the plan's fingerprint. */
    public String fingerprint() {
        return sha256(String.join("\n", describe()));
    }

    /** Reads back what {@link #describe()} wrote. */
    public static FingerprintFacts parse(List<String> lines) {
        String plan = null;
        String sourceId = null;
        String targetId = null;
        SortedMap<String, Integer> partitions = new TreeMap<>();
        for (String line : lines) {
            String[] parts = line.split(" ");
            switch (parts[0]) {
                case PLAN -> plan = value(line);
                case SOURCE_ID -> sourceId = value(line);
                case TARGET_ID -> targetId = value(line);
                case TOPIC -> {
                    // Kafka topic names cannot contain spaces, so the split is unambiguous.
                    if (parts.length != 3 || !parts[2].startsWith(PARTITIONS)) {
                        throw new IllegalArgumentException("not a fingerprint fact: " + line);
                    }
                    partitions.put(parts[1], Integer.parseInt(parts[2].substring(PARTITIONS.length())));
                }
                default -> throw new IllegalArgumentException("not a fingerprint fact: " + line);
            }
        }
        return new FingerprintFacts(plan, sourceId, targetId, partitions);
    }

    private static String value(String line) {
        return line.substring(line.indexOf(' ') + 1);
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
