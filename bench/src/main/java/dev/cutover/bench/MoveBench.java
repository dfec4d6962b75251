package dev.cutover.bench;

import dev.cutover.engine.Cutover;
import dev.cutover.engine.Planner;
import dev.cutover.engine.Session;
import dev.cutover.engine.agent.MirrorAgentSupervisor;
import dev.cutover.engine.run.Progress;
import dev.cutover.engine.gates.StepOutcome;
import dev.cutover.sandbox.Sandbox;
import dev.cutover.sandbox.ScenarioPlan;
import dev.cutover.state.Ledger;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.mirror.Checkpoint;

/**
 * {@code bench/run move [--groups G] [--records N]}: G groups committed at seeded random offsets
 * of a 6-partition topic, mirrored, then moved by the move-consumers gate (groups with no control,
 * so the time is the gate's own: stop checks, translation, verification, commits). Prints the
 * time, the records each moved group would re-read or skip (must be 0), and, from the same run,
 * what MirrorMaker 2's checkpoints translated the same commits to.
 *
 * <p>The topic has no offset gaps, so the exact target offset of a committed source offset is
 * that same offset (the mirror copies from offset 0): the bench checks both translations against
 * it without trusting either.
 */
final class MoveBench {

    static final int PARTITIONS = 6;
    private static final String TOPIC = "bm.sfdc.cdc.account";
    /** The class whose methods are one group's move phases, for the profile. */
    private static final String PROFILED_CLASS = "dev.cutover.engine.consumers.GroupMover";

    private MoveBench() {
    }

    static int run(String[] args) throws Exception {
        int groups = 200;
        int records = 300_000;
        boolean profile = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--groups" -> groups = Integer.parseInt(args[++i]);
                case "--records" -> records = Integer.parseInt(args[++i]);
                case "--profile" -> profile = true;
                default -> {
                    return BenchMain.usage("unknown option " + args[i]);
                }
            }
        }
        PrintStream out = System.out;
        System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream())); // the test kit's chatter
        Path dir = Files.createTempDirectory("cutover-bench-move-");
        Path ledgerFile = dir.resolve("cutover.db");
        Result result;
        try (Sandbox sandbox = Sandbox.start()) {
            load(sandbox, records);
            Map<String, Map<TopicPartition, Long>> commits = commit(sandbox, groups, records / PARTITIONS);
            System.err.printf("loaded %,d records in %d partitions, %d groups committed%n", records, PARTITIONS, groups);
            Path plan = ScenarioPlan.write(dir, "bm", sandbox, "", """
                    gates:
                      in-sync: {max-lag: 0, timeout: 10m}
                      quiesce: {window: 1s, timeout: 30s}
                    """);
            Planner.plan(plan, ledgerFile);
            try {
                StepOutcome last;
                do {
                    last = step(ledgerFile);
                    System.err.println(last.gate() + ": " + last.state().label() + " in " + last.took().toMillis() + " ms");
                } while (last.passed() && !last.gate().equals("switch-producers")); // no producers: it passes at once
                // MirrorMaker 2 emits checkpoints once a second; give it a few rounds on the caught-up mirror.
                Map<String, Map<TopicPartition, Long>> mm2 = awaitCheckpoints(sandbox, commits, Duration.ofSeconds(30));
                StepOutcome moved = profile ? profiledStep(ledgerFile) : step(ledgerFile);
                System.err.println(moved.gate() + ": " + moved.state().label() + " in " + moved.took().toMillis() + " ms");
                if (!moved.passed()) {
                    throw new IllegalStateException("move-consumers failed: " + moved.detail());
                }
                long gateMs;
                try (Ledger ledger = Ledger.open(ledgerFile)) {
                    gateMs = ((Number) ledger.gate("move-consumers").evidence().get("moveMs")).longValue();
                }
                result = measure(sandbox, commits, mm2, gateMs, groups);
            } finally {
                try (Ledger ledger = Ledger.open(ledgerFile)) {
                    new MirrorAgentSupervisor(ledgerFile).stop(ledger);
                }
            }
        } finally {
            System.setOut(out);
        }
        out.print(result.table());
        return result.reRead() == 0 && result.skipped() == 0 ? 0 : 1;
    }

    private static StepOutcome step(Path ledgerFile) {
        try (Session session = Session.open(ledgerFile, "bench")) {
            return Cutover.stepper().step(session.context(session.compileFresh(), Progress.SILENT));
        }
    }

    /** The move step under a {@link StackSampler}; prints where its wall time went on stderr. */
    private static StepOutcome profiledStep(Path ledgerFile) {
        StackSampler sampler = StackSampler.startForThreads("move-consumers lane", PROFILED_CLASS, Duration.ofMillis(5));
        try (sampler) {
            return step(ledgerFile);
        } finally {
            sampler.print("where the move lanes' time went (sampled, summed over the lanes; GroupMover method > "
                    + "innermost project frame):", 100);
        }
    }

    private static void load(Sandbox sandbox, int records) throws Exception {
        sandbox.source().createTopic(TOPIC, PARTITIONS);
        String payload = "x".repeat(200);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                sandbox.source().bootstrapServers(), "linger.ms", 20, "batch.size", 262_144), new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(TOPIC, i % PARTITIONS, "001R" + i, payload));
            }
        }
    }

    /** Each group at a seeded random offset of every partition (the end included). */
    private static Map<String, Map<TopicPartition, Long>> commit(Sandbox sandbox, int groups, int perPartition)
            throws Exception {
        Random random = new Random(7);
        Map<String, Map<TopicPartition, Long>> all = new HashMap<>();
        try (Admin admin = sandbox.source().admin()) {
            for (int g = 0; g < groups; g++) {
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                Map<TopicPartition, Long> plain = new HashMap<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    long offset = random.nextInt(perPartition + 1);
                    offsets.put(new TopicPartition(TOPIC, p), new OffsetAndMetadata(offset));
                    plain.put(new TopicPartition(TOPIC, p), offset);
                }
                String group = String.format("bm-%03d", g);
                admin.alterConsumerGroupOffsets(group, offsets).all().get();
                all.put(group, plain);
            }
        }
        return all;
    }

    /** MirrorMaker 2's latest checkpoint per group and partition, from {@code source.checkpoints.internal} on the target. */
    private static Map<String, Map<TopicPartition, Long>> awaitCheckpoints(Sandbox sandbox,
            Map<String, Map<TopicPartition, Long>> commits, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        Map<String, Map<TopicPartition, Long>> latest = new HashMap<>();
        while (System.nanoTime() < deadline) {
            latest = readCheckpoints(sandbox);
            long have = latest.values().stream().mapToLong(Map::size).sum();
            if (have >= (long) commits.size() * PARTITIONS) {
                break;
            }
            Thread.sleep(1_000); // checkpoints come once a second
        }
        return latest;
    }

    private static Map<String, Map<TopicPartition, Long>> readCheckpoints(Sandbox sandbox) {
        Map<String, Map<TopicPartition, Long>> latest = new HashMap<>();
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.target().bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            String topic = "source.checkpoints.internal";
            if (c.partitionsFor(topic, Duration.ofSeconds(5)).isEmpty()) {
                return latest;
            }
            List<TopicPartition> tps = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = c.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    Checkpoint cp = Checkpoint.deserializeRecord(r);
                    latest.computeIfAbsent(cp.consumerGroupId(), g -> new HashMap<>())
                            .put(cp.topicPartition(), cp.downstreamOffset());
                }
            }
        }
        return latest;
    }

    private static Result measure(Sandbox sandbox, Map<String, Map<TopicPartition, Long>> commits,
                                  Map<String, Map<TopicPartition, Long>> mm2, long gateMs, int groups) throws Exception {
        long reRead = 0;
        long skipped = 0;
        long mm2ReRead = 0;
        long mm2Skipped = 0;
        long mm2Missing = 0;
        try (Admin admin = sandbox.target().admin()) {
            for (Map.Entry<String, Map<TopicPartition, Long>> g : commits.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> ours = admin.listConsumerGroupOffsets(g.getKey())
                        .partitionsToOffsetAndMetadata().get();
                for (Map.Entry<TopicPartition, Long> e : g.getValue().entrySet()) {
                    long exact = e.getValue(); // no gaps, mirrored from offset 0: the same offset
                    long got = ours.get(e.getKey()).offset();
                    reRead += Math.max(0, exact - got);
                    skipped += Math.max(0, got - exact);
                    Long theirs = mm2.getOrDefault(g.getKey(), Map.of()).get(e.getKey());
                    if (theirs == null) {
                        mm2Missing++;
                    } else {
                        mm2ReRead += Math.max(0, exact - theirs);
                        mm2Skipped += Math.max(0, theirs - exact);
                    }
                }
            }
        }
        return new Result(groups, gateMs, reRead, skipped, mm2ReRead, mm2Skipped, mm2Missing);
    }

    record Result(int groups, long gateMs, long reRead, long skipped, long mm2ReRead, long mm2Skipped, long mm2Missing) {

        String table() {
            int partitions = groups * PARTITIONS;
            return String.format("""
                    move-consumers: %d groups x %d partitions (%d group-partitions), groups without controls
                    | translation              | time        | per group | records re-read | records skipped | not translated |
                    |--------------------------|-------------|-----------|-----------------|-----------------|----------------|
                    | cutover (exact, verified) | %,8d ms | %,6d ms | %,15d | %,15d | %,14d |
                    | MirrorMaker 2 checkpoints | (same run) |           | %,15d | %,15d | %,14d |
                    target: <= 30,000 ms for 200 groups x 6 partitions; re-read and skipped must be 0: %s
                    """, groups, PARTITIONS, partitions, gateMs, gateMs / Math.max(1, groups), reRead, skipped, 0,
                    mm2ReRead, mm2Skipped, mm2Missing,
                    reRead == 0 && skipped == 0 && gateMs <= 30_000 ? "PASS" : "FAIL");
        }
    }
}
