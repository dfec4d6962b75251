package dev.cutover.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Makes Change Data Capture event payloads for one entity, repeatably from a seed.
 *
 * <p>The shape follows a decoded CDC event: a {@code ChangeEventHeader} plus the changed fields.
 * The rarer shapes a real consumer meets are here on purpose: merged events naming several
 * records, gap events ({@code GAP_UPDATE}, header only) and overflow events ({@code GAP_OVERFLOW},
 * header only, no record id). Record ids come from a fixed pool so keys repeat, which is what makes
 * per-key order worth checking. Not thread-safe: {@link CdcTrafficSource} serialises calls.
 */
final class ChangeEventGenerator {

    /** One generated change: the first record id (null for overflow events) and the JSON. */
    record Change(String recordId, String payloadJson) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String[] FIELDS = {"Name", "Phone", "Industry", "Rating", "BillingCity", "Description"};
    private static final String[] ORIGINS = {
        "com/salesforce/api/soap/62.0;client=SfdcInternalAPI/",
        "com/salesforce/api/rest/62.0;client=Workbench/",
        "com/salesforce/api/async/62.0;client=DataLoaderBulkUI/",
    };

    private final String entityName;
    private final Clock clock;
    private final Random random;
    private final List<String> recordPool;
    private final String commitUser;
    private long commitNumber;

    ChangeEventGenerator(String entityName, int recordPoolSize, long seed, Clock clock) {
        if (recordPoolSize < 1) {
            throw new IllegalArgumentException("recordPoolSize must be at least 1, was " + recordPoolSize);
        }
        this.entityName = entityName;
        this.clock = clock;
        this.random = new Random(seed);
        this.commitNumber = 10_000_000_000L + random.nextInt(1_000_000);
        String prefix = keyPrefix(entityName);
        this.commitUser = salesforceId("005");
        List<String> pool = new ArrayList<>(recordPoolSize);
        Set<String> seen = new LinkedHashSet<>();
        while (seen.size() < recordPoolSize) {
            seen.add(salesforceId(prefix));
        }
        pool.addAll(seen);
        this.recordPool = List.copyOf(pool);
    }

    List<String> recordPool() {
        return recordPool;
    }

    /**
     * One interactive transaction: usually a single change, made by a user or an integration.
     * Rarely a merged event (2..4 records with the same change), a gap event or an overflow event.
     */
    Change single() {
        return transaction(1, false).get(0);
    }

    /**
     * One bulk API transaction of {@code size} changes: the same field updated on many records,
     * sharing transaction key and commit number, numbered by {@code sequenceNumber}.
     */
    List<Change> transaction(int size, boolean bulk) {
        String transactionKey = hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12);
        long commitTimestamp = clock.millis();
        long commit = ++commitNumber;
        String origin = bulk ? ORIGINS[2] : ORIGINS[random.nextInt(2)];
        List<String> bulkFields = bulk ? List.of(FIELDS[random.nextInt(FIELDS.length)]) : null;
        List<Change> changes = new ArrayList<>(size);
        for (int sequence = 1; sequence <= size; sequence++) {
            changes.add(change(transactionKey, commitTimestamp, commit, origin, sequence, bulkFields));
        }
        return changes;
    }

    private Change change(String transactionKey, long commitTimestamp, long commit, String origin,
                          int sequence, List<String> bulkFields) {
        int roll = random.nextInt(1000);
        String changeType;
        List<String> recordIds;
        if (roll < 2) {
            changeType = "GAP_OVERFLOW";            // header only, no record ids
            recordIds = List.of();
        } else if (roll < 7) {
            changeType = "GAP_UPDATE";              // header only, record id kept
            recordIds = List.of(pick());
        } else if (roll < 27) {
            changeType = "UPDATE";                  // merged: same change on several records
            recordIds = distinctRecords(2 + random.nextInt(3));
        } else {
            changeType = bulkFields != null ? "UPDATE" : interactiveType();
            recordIds = List.of(pick());
        }
        boolean headerOnly = changeType.startsWith("GAP_") || changeType.equals("DELETE");
        List<String> changed = headerOnly ? List.of()
                : bulkFields != null ? bulkFields
                : changeType.equals("UPDATE") ? someFields() : List.of();

        ObjectNode root = JSON.createObjectNode();
        ObjectNode header = root.putObject("ChangeEventHeader");
        header.put("entityName", entityName);
        ArrayNode ids = header.putArray("recordIds");
        recordIds.forEach(ids::add);
        header.put("changeType", changeType);
        header.put("changeOrigin", origin);
        header.put("transactionKey", transactionKey);
        header.put("sequenceNumber", changeType.startsWith("GAP_") ? 1 : sequence);
        header.put("commitTimestamp", commitTimestamp);
        header.put("commitNumber", commit);
        header.put("commitUser", commitUser);
        ArrayNode changedFields = header.putArray("changedFields");
        changed.forEach(changedFields::add);
        header.putArray("nulledFields");
        header.putArray("diffFields");
        if (!headerOnly) {
            if (changeType.equals("CREATE") || changed.contains("Name")) {
                root.put("Name", "Acme " + word() + " " + (1 + random.nextInt(999)));
            }
            for (String field : changed) {
                if (!field.equals("Name")) {
                    root.put(field, word());
                }
            }
            root.putObject("LastModifiedDate").put("long", commitTimestamp);
        }
        try {
            return new Change(recordIds.isEmpty() ? null : recordIds.get(0), JSON.writeValueAsString(root));
        } catch (Exception e) {
            throw new SandboxException("could not write a change event as JSON: " + e.getMessage(), e);
        }
    }

    private String interactiveType() {
        int roll = random.nextInt(100);
        return roll < 8 ? "CREATE" : roll < 11 ? "DELETE" : roll < 12 ? "UNDELETE" : "UPDATE";
    }

    private List<String> someFields() {
        List<String> fields = new ArrayList<>();
        int count = 1 + random.nextInt(2);
        while (fields.size() < count) {
            String f = FIELDS[random.nextInt(FIELDS.length)];
            if (!fields.contains(f)) {
                fields.add(f);
            }
        }
        return fields;
    }

    private List<String> distinctRecords(int count) {
        Set<String> ids = new LinkedHashSet<>();
        int wanted = Math.min(count, recordPool.size());
        while (ids.size() < wanted) {
            ids.add(pick());
        }
        return List.copyOf(ids);
    }

    private String pick() {
        return recordPool.get(random.nextInt(recordPool.size()));
    }

    private String word() {
        String[] words = {"Corp", "Global", "Labs", "Energy", "Retail", "Health", "Finance", "Logistics"};
        return words[random.nextInt(words.length)];
    }

    private String hex(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }

    /** An 18-character Salesforce id with the object's key prefix; the checksum suffix is faked. */
    private String salesforceId(String prefix) {
        StringBuilder sb = new StringBuilder(prefix).append("5g00000");
        while (sb.length() < 15) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        for (int i = 0; i < 3; i++) {
            sb.append(ALPHABET.charAt(10 + random.nextInt(26)));
        }
        return sb.toString();
    }

    /** The three-character key prefix Salesforce gives the standard objects' record ids. */
    static String keyPrefix(String entityName) {
        return switch (entityName.toLowerCase(Locale.ROOT)) {
            case "account" -> "001";
            case "contact" -> "003";
            case "opportunity" -> "006";
            case "lead" -> "00Q";
            case "case" -> "500";
            case "user" -> "005";
            default -> "a0X";
        };
    }

    /** {@code /data/AccountChangeEvent} -> {@code Account}; {@code /data/Invoice__ChangeEvent} -> {@code Invoice__c}. */
    static String entityOf(String channel) {
        String name = channel.substring(channel.lastIndexOf('/') + 1);
        if (name.endsWith("__ChangeEvent")) {
            return name.substring(0, name.length() - "__ChangeEvent".length()) + "__c";
        }
        if (name.endsWith("ChangeEvent")) {
            return name.substring(0, name.length() - "ChangeEvent".length());
        }
        return name;
    }
}
