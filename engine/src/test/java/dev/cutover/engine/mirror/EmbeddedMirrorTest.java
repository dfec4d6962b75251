package dev.cutover.engine.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cutover.sandbox.SandboxCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.mirror.Checkpoint;
import org.apache.kafka.connect.mirror.OffsetSync;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scenarios on two real in-process clusters, shared by the class: each test uses its own topics.
 */
class EmbeddedMirrorTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static SandboxCluster source;
    private static SandboxCluster target;
    private static Admin sourceAdmin;
    private static Admin targetAdmin;

    @BeforeAll
    static void startClusters() {
        source = SandboxCluster.start("source");
        target = SandboxCluster.start("target");
        sourceAdmin = source.admin();
        targetAdmin = target.admin();
    }

    @AfterAll
    static void stopClusters() {
        closeAll(sourceAdmin, targetAdmin, source, target);
    }

    @Test
    void copiesEveryRecordInOrderWithKeysHeadersAndTimestampsAndWritesOffsetSyncsOnTheTargetOnly() throws Exception {
        createOnBoth("orders", 3, Map.of());
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (int i = 0; i < 300; i++) {
                ProducerRecord<String, String> r = new ProducerRecord<>("orders", i % 3, 1_700_000_000_000L + i,
                        "key-" + i, "value-" + i);
                r.headers().add("sfdc.replayId", ("r" + i).getBytes(StandardCharsets.UTF_8));
                producer.send(r);
            }
            producer.send(new ProducerRecord<String, String>("orders", 0, 1_700_000_001_000L, (String) null, (String) null)); // null key and value
        }
        InMemoryProgressStore store = new InMemoryProgressStore();

        try (EmbeddedMirror mirror = new EmbeddedMirror(job(List.of("orders"), List.of(), 2), store)) {
            mirror.start();
            assertThat(mirror.status().state()).isEqualTo(MirrorState.RUNNING);
            assertThat(mirror.assignment()).hasSize(2);
            awaitCaughtUp(mirror, "orders", 3);
            mirror.stop();
            assertThat(mirror.status().state()).isEqualTo(MirrorState.STOPPED);
        }

        assertThat(read(target, "orders", "read_uncommitted")).isEqualTo(read(source, "orders", "read_committed"));
        assertThat(read(target, "orders", "read_uncommitted").get(0)).hasSize(101);
        assertThat(store.load()).containsEntry(new TopicPartition("orders", 0), new CopyPosition(101, 101));

        String offsetSyncs = "mm2-offset-syncs.source.internal";
        assertThat(targetAdmin.listTopics().names().get()).contains(offsetSyncs);
        assertThat(sourceAdmin.listTopics().names().get()).noneMatch(t -> t.startsWith("mm2-"));
        List<OffsetSync> syncs = new ArrayList<>();
        rawRecords(target, offsetSyncs).forEach(r -> syncs.add(OffsetSync.deserializeRecord(r)));
        List<OffsetSync> ofOrders = syncs.stream().filter(s -> s.topicPartition().topic().equals("orders")).toList();
        assertThat(ofOrders).allSatisfy(s -> assertThat(s.downstreamOffset()).isEqualTo(s.upstreamOffset()));
        Map<Integer, Long> lastSynced = new TreeMap<>();
        ofOrders.forEach(s -> lastSynced.merge(s.topicPartition().partition(), s.upstreamOffset(), Math::max));
        // the last copied record of each partition is synced (promoted on commit), so translation is exact at the end
        assertThat(lastSynced).isEqualTo(Map.of(0, 100L, 1, 99L, 2, 99L));
    }

    @Test
    void neverCopiesAbortedTransactionsAndLagReachesZeroDespiteMarkers() throws Exception {
        createOnBoth("payments", 1, Map.of());
        try (KafkaProducer<String, String> tx = producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "payments-tx"))) {
            tx.initTransactions();
            for (int round = 0; round < 3; round++) {
                tx.beginTransaction();
                for (int i = 0; i < 10; i++) {
                    tx.send(new ProducerRecord<>("payments", 0, "k", "committed-" + round + "-" + i));
                }
                tx.commitTransaction();
                tx.beginTransaction();
                for (int i = 0; i < 5; i++) {
                    tx.send(new ProducerRecord<>("payments", 0, "k", "aborted-" + round + "-" + i));
                }
                tx.flush();
                tx.abortTransaction();
            }
        }
        TopicPartition tp = new TopicPartition("payments", 0);
        // abortTransaction returns before the coordinator has written the abort marker: until it is
        // there the last stable offset stays behind the end (CI once read the end one offset short)
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                .until(() -> stableEndOffset(sourceAdmin, tp) == endOffset(sourceAdmin, tp));
        long sourceEnd = endOffset(sourceAdmin, tp);
        assertThat(sourceEnd).isGreaterThan(30); // 45 data offsets plus 6 markers

        try (EmbeddedMirror mirror = new EmbeddedMirror(job(List.of("payments"), List.of(), 1), new InMemoryProgressStore())) {
            mirror.start();
            try (LagProbe probe = new LagProbe(source.clientProperties())) {
                await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                        assertThat(probe.probe(mirror.positions())).singleElement().satisfies(lag -> {
                            assertThat(lag.caughtUp()).isTrue();
                            assertThat(lag.sourceEnd()).isEqualTo(sourceEnd);
                        }));
            }
            // naive end - next would not be 0: the partition ends in an abort marker
            assertThat(sourceEnd - mirror.positions().get(tp).nextSourceOffset()).isPositive();
        }

        List<String> copied = read(target, "payments", "read_uncommitted").get(0).stream().map(Rec::value).toList();
        assertThat(copied).hasSize(30).allMatch(v -> v.startsWith("committed-"));
    }

    @Test
    void copiesACompactedTopicWithGapsAndLagReachesZero() throws Exception {
        Map<String, String> compact = Map.of("cleanup.policy", "compact", "segment.ms", "100",
                "min.cleanable.dirty.ratio", "0.01", "delete.retention.ms", "100");
        createOnBoth("accounts", 1, compact);
        TopicPartition tp = new TopicPartition("accounts", 0);
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            int[] round = {0};
            // keep overwriting the same keys until the cleaner has removed old versions (a gap at the start)
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).until(() -> {
                for (int k = 0; k < 10; k++) {
                    producer.send(new ProducerRecord<>("accounts", 0, "account-" + k, "v" + round[0]));
                }
                producer.flush();
                round[0]++;
                List<Rec> recs = read(source, "accounts", "read_committed").get(0);
                return recs.size() < endOffset(sourceAdmin, tp);
            });
        }
        Map<Integer, List<Rec>> onSource = read(source, "accounts", "read_committed");

        try (EmbeddedMirror mirror = new EmbeddedMirror(job(List.of("accounts"), List.of(), 1), new InMemoryProgressStore())) {
            mirror.start();
            try (LagProbe probe = new LagProbe(source.clientProperties())) {
                await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                        assertThat(probe.probe(mirror.positions())).singleElement()
                                .satisfies(lag -> assertThat(lag.caughtUp()).isTrue()));
            }
            assertThat(mirror.positions().get(tp).nextSourceOffset()).isEqualTo(endOffset(sourceAdmin, tp));
        }
        List<Rec> onTarget = read(target, "accounts", "read_uncommitted").get(0);
        // the cleaner may have run again meanwhile: the target holds a superset, in source order, of what we read
        assertThat(onTarget.size()).isLessThan((int) endOffset(sourceAdmin, tp));
        assertThat(onTarget).containsSubsequence(onSource.get(0));
        assertThat(lastValuePerKey(onTarget)).isEqualTo(lastValuePerKey(onSource.get(0)));
    }

    @Test
    void resumesExactlyAfterACrashThatLostTheLastSaves() throws Exception {
        createOnBoth("cases", 2, Map.of());
        InMemoryProgressStore store = new InMemoryProgressStore();
        produceBatch("cases", 2, "a", 50);

        try (EmbeddedMirror first = new EmbeddedMirror(job(List.of("cases"), List.of(), 1), store)) {
            first.start();
            awaitCaughtUp(first, "cases", 2);
        }
        Map<TopicPartition, CopyPosition> savedByFirst = store.load();

        produceBatch("cases", 2, "b", 40);
        produceAbortedAndCommitted("cases");
        EmbeddedMirror crashing = new EmbeddedMirror(job(List.of("cases"), List.of(), 2), store, Duration.ofHours(1));
        crashing.start();
        awaitCaughtUp(crashing, "cases", 2);
        crashing.haltForTesting();
        assertThat(crashing.awaitTermination(Duration.ofSeconds(10))).isTrue();
        // the crash lost everything the second run copied: the store still says where the first stopped
        assertThat(store.load()).isEqualTo(savedByFirst);
        assertThat(endOffset(targetAdmin, new TopicPartition("cases", 0)))
                .isGreaterThan(savedByFirst.get(new TopicPartition("cases", 0)).nextTargetOffset());

        produceBatch("cases", 2, "c", 30);
        try (EmbeddedMirror third = new EmbeddedMirror(job(List.of("cases"), List.of(), 1), store)) {
            third.start();
            awaitCaughtUp(third, "cases", 2);
        }

        Map<Integer, List<Rec>> onTarget = read(target, "cases", "read_uncommitted");
        assertThat(onTarget).isEqualTo(read(source, "cases", "read_committed"));
        assertThat(onTarget.get(0).stream().map(Rec::value).distinct().count()).isEqualTo(onTarget.get(0).size());
        assertThat(onTarget.get(0).size() + onTarget.get(1).size()).isEqualTo(2 * 50 + 2 * 40 + 3 + 2 * 30);
    }

    @Test
    void reportsRecordsDeletedFromTheSourceBeforeTheyWereCopied() throws Exception {
        createOnBoth("leads", 1, Map.of());
        produceBatch("leads", 1, "x", 20);
        TopicPartition tp = new TopicPartition("leads", 0);
        InMemoryProgressStore store = new InMemoryProgressStore();
        store.save(Map.of(tp, new CopyPosition(4, 0)));
        // what retention does to the log start, deterministically
        sourceAdmin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(15))).all().get(10, TimeUnit.SECONDS);

        EmbeddedMirror mirror = new EmbeddedMirror(job(List.of("leads"), List.of(), 1), store);
        assertThatThrownBy(mirror::start)
                .isInstanceOfSatisfying(MirrorDataLossException.class, e -> {
                    assertThat(e.partition()).isEqualTo(tp);
                    assertThat(e.lostOffsets()).isEqualTo(11);
                    assertThat(e.getMessage()).contains("leads-0").contains("11 offsets");
                });
        assertThat(mirror.status().state()).isEqualTo(MirrorState.FAILED);
        assertThat(mirror.status().failure()).isInstanceOf(MirrorDataLossException.class);
        assertThat(read(target, "leads", "read_uncommitted").getOrDefault(0, List.of())).isEmpty();
        mirror.stop(); // idempotent after a failure
    }

    @Test
    void refusesToStartWhenATopicIsMissingOnTheTargetOrTheTargetLostRecords() throws Exception {
        createTopic(source, "contacts", 1, Map.of());
        EmbeddedMirror missing = new EmbeddedMirror(job(List.of("contacts"), List.of(), 1), new InMemoryProgressStore());
        assertThatThrownBy(missing::start).isInstanceOf(MirrorException.class)
                .hasMessageContaining("[contacts]").hasMessageContaining("topics gate");

        createTopic(target, "contacts", 1, Map.of());
        InMemoryProgressStore store = new InMemoryProgressStore();
        store.save(Map.of(new TopicPartition("contacts", 0), new CopyPosition(0, 5)));
        EmbeddedMirror lost = new EmbeddedMirror(job(List.of("contacts"), List.of(), 1), store);
        assertThatThrownBy(lost::start).isInstanceOf(MirrorException.class).hasMessageContaining("lost copied records");

        EmbeddedMirror once = new EmbeddedMirror(job(List.of("contacts"), List.of(), 1), new InMemoryProgressStore());
        once.start();
        assertThatThrownBy(once::start).isInstanceOf(IllegalStateException.class);
        once.stop();
        once.stop();
        assertThat(once.status().state()).isEqualTo(MirrorState.STOPPED);
    }

    /**
     * MirrorMaker 2's translation is kept as checkpoints (for comparison and standard tooling), but
     * never committed to the target's groups: move-consumers commits exact offsets there.
     */
    @Test
    void checkpointsSelectedGroupsWithoutCommittingToTheTargetGroups() throws Exception {
        createOnBoth("opportunities", 1, Map.of());
        produceBatch("opportunities", 1, "o", 100);
        TopicPartition tp = new TopicPartition("opportunities", 0);
        commitGroupOffset("sfdc-warehouse", tp, 100);
        commitGroupOffset("other-team", tp, 10);

        try (EmbeddedMirror mirror = new EmbeddedMirror(
                job(List.of("opportunities"), List.of("sfdc-.*"), 1), new InMemoryProgressStore())) {
            mirror.start();
            awaitCaughtUp(mirror, "opportunities", 1);
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    assertThat(rawRecords(target, "source.checkpoints.internal").stream().map(Checkpoint::deserializeRecord)
                            .anyMatch(c -> c.downstreamOffset() == 100)).isTrue());
        }
        assertThat(targetAdmin.listConsumerGroupOffsets("sfdc-warehouse").partitionsToOffsetAndMetadata().get()).isEmpty();
        List<Checkpoint> checkpoints = rawRecords(target, "source.checkpoints.internal").stream()
                .map(Checkpoint::deserializeRecord).toList();
        assertThat(checkpoints).isNotEmpty().allSatisfy(c -> {
            assertThat(c.consumerGroupId()).isEqualTo("sfdc-warehouse");
            assertThat(c.topicPartition()).isEqualTo(tp);
        });
        assertThat(checkpoints.get(checkpoints.size() - 1).downstreamOffset()).isEqualTo(100);
        assertThat(targetAdmin.listConsumerGroupOffsets("other-team").partitionsToOffsetAndMetadata().get()).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    record Rec(String key, String value, long timestamp, List<String> headers) {
    }

    private static MirrorJob job(List<String> topics, List<String> groups, int tasks) {
        return MirrorJob.of(source.clientProperties(), target.clientProperties(), topics, groups, tasks);
    }

    private static void awaitCaughtUp(EmbeddedMirror mirror, String topic, int partitions) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(mirror.status().state()).isEqualTo(MirrorState.RUNNING);
            for (int p = 0; p < partitions; p++) {
                TopicPartition tp = new TopicPartition(topic, p);
                assertThat(probeOnce(Map.of(tp, mirror.positions().get(tp))))
                        .singleElement().satisfies(l -> assertThat(l.caughtUp()).as("%s", l).isTrue());
            }
        });
    }

    private static void createOnBoth(String topic, int partitions, Map<String, String> sourceConfigs) throws Exception {
        createTopic(source, topic, partitions, sourceConfigs);
        createTopic(target, topic, partitions, Map.of());
    }

    private static void createTopic(SandboxCluster cluster, String topic, int partitions, Map<String, String> configs) {
        // The tests write fixed timestamps from 2023: with the default 7-day retention (checked every
        // second in the sandbox) the broker would delete them, and the producers' state with them.
        Map<String, String> withRetention = new HashMap<>(configs);
        withRetention.putIfAbsent("retention.ms", "-1");
        cluster.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(withRetention)));
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(source.clientProperties());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.putAll(extra);
        return new KafkaProducer<>(p);
    }

    private static void produceBatch(String topic, int partitions, String prefix, int perPartition) {
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (int i = 0; i < perPartition; i++) {
                for (int p = 0; p < partitions; p++) {
                    producer.send(new ProducerRecord<>(topic, p, prefix + "-key-" + i, prefix + "-" + p + "-" + i));
                }
            }
        }
    }

    /** Per partition: an aborted transaction of 3 records then a committed one of 3. */
    private static void produceAbortedAndCommitted(String topic) {
        try (KafkaProducer<String, String> tx = producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic + "-tx"))) {
            tx.initTransactions();
            tx.beginTransaction();
            for (int i = 0; i < 3; i++) {
                tx.send(new ProducerRecord<>(topic, 0, "t", "aborted-0-" + i));
                tx.send(new ProducerRecord<>(topic, 1, "t", "aborted-1-" + i));
            }
            tx.flush();
            tx.abortTransaction();
            tx.beginTransaction();
            for (int i = 0; i < 3; i++) {
                tx.send(new ProducerRecord<>(topic, i % 2, "t", "tx-" + i));
            }
            tx.commitTransaction();
        }
    }

    private static void commitGroupOffset(String group, TopicPartition tp, long offset) {
        Map<String, Object> p = new HashMap<>(source.clientProperties());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.assign(List.of(tp));
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(offset)));
        }
    }

    private static long endOffset(Admin admin, TopicPartition tp) throws Exception {
        return admin.listOffsets(Map.of(tp, OffsetSpec.latest()))
                .partitionResult(tp).get(10, TimeUnit.SECONDS).offset();
    }

    private static long stableEndOffset(Admin admin, TopicPartition tp) throws Exception {
        return admin.listOffsets(Map.of(tp, OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .partitionResult(tp).get(10, TimeUnit.SECONDS).offset();
    }

    /** Every record a consumer with this isolation sees, per partition, in order. */
    private static Map<Integer, List<Rec>> read(SandboxCluster cluster, String topic, String isolation) {
        Map<Integer, List<Rec>> out = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readRaw(cluster, topic, isolation)) {
            List<String> headers = new ArrayList<>();
            for (Header h : r.headers()) {
                headers.add(h.key() + "=" + str(h.value()));
            }
            out.computeIfAbsent(r.partition(), k -> new ArrayList<>())
                    .add(new Rec(str(r.key()), str(r.value()), r.timestamp(), headers));
        }
        return out;
    }

    private static List<ConsumerRecord<byte[], byte[]>> rawRecords(SandboxCluster cluster, String topic) {
        return readRaw(cluster, topic, "read_uncommitted");
    }

    private static List<ConsumerRecord<byte[], byte[]>> readRaw(SandboxCluster cluster, String topic, String isolation) {
        Map<String, Object> p = new HashMap<>(cluster.clientProperties());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> tps = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            await().atMost(DEADLINE).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
                return tps.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
        }
        return out;
    }

    private static Map<String, String> lastValuePerKey(Collection<Rec> recs) {
        Map<String, String> out = new LinkedHashMap<>();
        recs.forEach(r -> out.put(r.key(), r.value()));
        return new TreeMap<>(out);
    }

    private static String str(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static void closeAll(AutoCloseable... closeables) {
        for (AutoCloseable c : closeables) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // best effort in teardown
                }
            }
        }
    }

    private static java.util.List<PartitionLag> probeOnce(Map<TopicPartition, CopyPosition> positions) {
        try (LagProbe probe = new LagProbe(source.clientProperties())) {
            return probe.probe(positions);
        }
    }
}
