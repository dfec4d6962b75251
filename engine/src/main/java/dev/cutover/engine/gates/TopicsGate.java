package dev.cutover.engine.gates;

import dev.cutover.engine.run.PausePoint;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.CutoverException;
import dev.cutover.engine.clusters.ClusterClients;
import dev.cutover.engine.clusters.ClusterInspector;
import dev.cutover.plans.ConfigSync;
import dev.cutover.plans.GateName;
import dev.cutover.plans.compile.TopicAction;
import dev.cutover.plans.compile.TopicSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Every selected topic exists on the target with the source's partition count and every
 * topic-level override, including those MirrorMaker 2's default filter skips
 * ({@code min.insync.replicas} among them): a target that silently lost a durability setting is
 * a worse cluster than the one we left.
 *
 * <p>Acts on the world as it finds it, so a run killed between two creations simply creates
 * the rest next time; a topic found with another partition count is a conflict, never altered.
 */
public final class TopicsGate implements Gate {

    /**
     * Overrides that describe the source cluster's own brokers or are gone from Kafka 4, so
     * copying them would be wrong or refused.
     */
    static final Set<String> NOT_COPIED = Set.of(
            "leader.replication.throttled.replicas",
            "follower.replication.throttled.replicas",
            "message.format.version",
            "message.downconversion.enable");

    /** How long {@link #verify} reads the target before a difference from the source fails the gate. */
    static final Duration CONVERGENCE_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration POLL = Duration.ofMillis(200);

    /** A wait shorter than this shows no progress line. */
    private static final Duration QUIET = Duration.ofSeconds(1);

    private final TopicMetadata metadata;

    public TopicsGate() {
        this(TopicMetadata.ADMIN);
    }

    TopicsGate(TopicMetadata metadata) { // for testing
        this.metadata = metadata;
    }

    @Override
    public GateName name() {
        return GateName.TOPICS;
    }

    @Override
    public Map<String, Object> check(GateContext context) throws GateFailedException {
        List<String> problems = new ArrayList<>();
        for (TopicAction a : context.compiled().topicActions()) {
            if (a.kind() == TopicAction.Kind.CONFLICT) {
                problems.add(a.topic() + ": " + a.detail());
            }
            String minIsr = a.configsToSet().get("min.insync.replicas");
            if (a.kind() == TopicAction.Kind.CREATE && minIsr != null && Integer.parseInt(minIsr) > a.replicationFactor()) {
                problems.add(a.topic() + ": min.insync.replicas=" + minIsr + " exceeds the replication factor "
                        + a.replicationFactor() + " it would get on the target, so no acks=all producer could write to it");
            }
        }
        if (!problems.isEmpty()) {
            throw new GateFailedException("topics cannot be prepared on the target: " + String.join("; ", problems),
                    "resolve the conflicts on the target, or set topics.replication-factor in the plan",
                    Map.of("conflicts", problems));
        }
        return Map.of("selected", context.compiled().selectedTopics().size());
    }

    @Override
    public Map<String, Object> act(GateContext context) throws GateFailedException {
        ClusterClients target = context.target();
        boolean sync = context.plan().topics().configs() == ConfigSync.SYNC;
        Map<String, TopicSnapshot> source = metadata.source(context.source(), context.compiled().selectedTopics());
        Map<String, TopicSnapshot> present = metadata.target(target, source.keySet());
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        short rf = replicationFactor(context);
        for (TopicSnapshot s : source.values()) {
            Map<String, String> wanted = sync ? copyable(s.overrides()) : Map.of();
            TopicSnapshot t = present.get(s.name());
            if (t == null) {
                create(context, s, wanted, (short) Math.min(rf == 0 ? s.replicationFactor() : rf, brokers(context)));
                created.add(s.name());
                context.ledger().putEvidence(name().label(), Map.of("created", List.copyOf(created)));
                PausePoint.reach("topics.after-create");
                continue;
            }
            if (t.partitions() != s.partitions()) {
                throw new GateFailedException(s.name() + " exists on the target with " + t.partitions()
                        + " partitions, the source has " + s.partitions(),
                        "delete it on the target (if it holds nothing you need) or exclude it in topics.exclude",
                        Map.of("created", created));
            }
            Map<String, String> differing = differing(wanted, t.overrides());
            if (differing.isEmpty()) {
                unchanged.add(s.name());
            } else {
                alter(context, s.name(), differing);
                updated.add(s.name());
            }
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("created", created);
        evidence.put("updated", updated);
        evidence.put("unchanged", unchanged);
        return evidence;
    }

    /**
     * Reads the target until it shows every selected topic as the source has it, then waits for the
     * partitions to come online. Brokers learn new topics and configs from the controller one by one,
     * so a read right after {@link #act} may be answered by a broker that does not show them yet:
     * only a difference that outlasts {@link #CONVERGENCE_TIMEOUT} fails the gate.
     */
    @Override
    public Map<String, Object> verify(GateContext context) throws GateFailedException {
        boolean sync = context.plan().topics().configs() == ConfigSync.SYNC;
        Map<String, TopicSnapshot> source = metadata.source(context.source(), context.compiled().selectedTopics());
        TargetReads reads = new TargetReads(context, source, sync);
        return context.pollUntil(POLL, CONVERGENCE_TIMEOUT, reads::read, reads::stillDiffering);
    }

    /** The reads of one verify: how many, and what the last one still found different. */
    private final class TargetReads {

        private final GateContext context;
        private final Map<String, TopicSnapshot> source;
        private final boolean sync;
        private int count;
        private List<String> differences = List.of();

        TargetReads(GateContext context, Map<String, TopicSnapshot> source, boolean sync) {
            this.context = context;
            this.source = source;
            this.sync = sync;
        }

        /** The evidence once the target matches; empty to read again. */
        Optional<Map<String, Object>> read(Duration waited) throws GateFailedException {
            Map<String, TopicSnapshot> target = metadata.target(context.target(), source.keySet());
            count++;
            differences = differences(source, target, sync);
            if (differences.isEmpty()) {
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("topics", described(target));
                evidence.put("targetReads", count);
                evidence.put("convergedMs", waited.toMillis());
                evidence.put("partitionsOnline", metadata.awaitOnline(context.target(), source.values()));
                return Optional.of(evidence);
            }
            // A broker that shows a topic shows it with the partitions it was created with: another count
            // never converges, so it fails at once rather than after the deadline.
            if (partitionsDiffer(source, target)) {
                throw failure("", waited);
            }
            if (waited.compareTo(QUIET) >= 0) {
                context.progress().update("topics: waiting for the target's metadata to match the source: "
                        + differences.size() + " difference(s), e.g. " + differences.get(0) + "; " + waited.toSeconds()
                        + " s of " + CONVERGENCE_TIMEOUT.toSeconds() + " s");
            }
            return Optional.empty();
        }

        GateFailedException stillDiffering(Duration waited) {
            return failure(" (still after " + count + " reads in " + waited.toSeconds() + " s)", waited);
        }

        private GateFailedException failure(String how, Duration waited) {
            return new GateFailedException("the target topics differ from the source: " + String.join("; ", differences) + how,
                    "run `cutover step` again; if it persists, something else is changing the target topics",
                    Map.of("differences", differences, "targetReads", count, "waitedMs", waited.toMillis()));
        }
    }

    /** What keeps the target from matching the source, one line per topic and setting; empty when it matches. */
    private static List<String> differences(Map<String, TopicSnapshot> source, Map<String, TopicSnapshot> target, boolean sync) {
        List<String> differences = new ArrayList<>();
        for (TopicSnapshot s : source.values()) {
            TopicSnapshot t = target.get(s.name());
            if (t == null) {
                differences.add(s.name() + " is missing on the target");
                continue;
            }
            if (t.partitions() != s.partitions()) {
                differences.add(s.name() + ": " + t.partitions() + " partitions on the target, " + s.partitions() + " on the source");
            }
            Map<String, String> wanted = sync ? copyable(s.overrides()) : Map.of();
            differing(wanted, t.overrides()).forEach((k, v) ->
                    differences.add(s.name() + ": " + k + " is " + t.overrides().getOrDefault(k, "not set")
                            + " on the target, " + v + " on the source"));
        }
        return differences;
    }

    private static boolean partitionsDiffer(Map<String, TopicSnapshot> source, Map<String, TopicSnapshot> target) {
        return source.values().stream().anyMatch(s -> target.containsKey(s.name())
                && target.get(s.name()).partitions() != s.partitions());
    }

    private static Map<String, Object> described(Map<String, TopicSnapshot> target) {
        Map<String, Object> topics = new TreeMap<>();
        target.values().forEach(t -> topics.put(t.name(), Map.of("partitions", t.partitions(),
                "replicationFactor", (int) t.replicationFactor(), "overrides", t.overrides())));
        return topics;
    }

    private static Map<String, String> copyable(Map<String, String> overrides) {
        Map<String, String> result = new TreeMap<>(overrides);
        result.keySet().removeAll(NOT_COPIED);
        return result;
    }

    private static Map<String, String> differing(Map<String, String> wanted, Map<String, String> actual) {
        Map<String, String> result = new TreeMap<>();
        wanted.forEach((k, v) -> {
            if (!v.equals(actual.get(k))) {
                result.put(k, v);
            }
        });
        return result;
    }

    private static short replicationFactor(GateContext context) {
        Integer configured = context.plan().topics().replicationFactor();
        return configured == null ? 0 : configured.shortValue();
    }

    private static int brokers(GateContext context) {
        return ClusterInspector.await(context.target().admin().describeCluster().nodes(), context.target(), "list brokers").size();
    }

    private void create(GateContext context, TopicSnapshot s, Map<String, String> configs, short rf) throws GateFailedException {
        NewTopic topic = new NewTopic(s.name(), s.partitions(), rf).configs(new HashMap<>(configs));
        try {
            context.target().admin().createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            context.progress().note("topics: created " + s.name() + " (" + s.partitions() + " partitions, RF " + rf + ")");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return; // created concurrently or by an attempt we don't remember: verify() compares it
            }
            throw new GateFailedException("could not create " + s.name() + " on the target: " + e.getCause().getMessage(),
                    "check the target's permissions and limits; a refused config is named in the message");
        } catch (TimeoutException e) {
            throw new GateFailedException("creating " + s.name() + " on the target timed out", "check the target cluster's health");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(dev.cutover.engine.ExitCode.FAILED, "interrupted while creating " + s.name(), null,
                    "run `cutover step` again", e);
        }
    }

    private void alter(GateContext context, String topic, Map<String, String> configs) throws GateFailedException {
        List<AlterConfigOp> ops = configs.entrySet().stream()
                .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET)).toList();
        try {
            context.target().admin().incrementalAlterConfigs(
                    Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), ops)).all().get(30, TimeUnit.SECONDS);
            context.progress().note("topics: updated " + topic + " " + configs);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new GateFailedException("could not set " + configs.keySet() + " on " + topic + " on the target: "
                    + cause.getMessage(), "check the target's permissions and the config values");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(dev.cutover.engine.ExitCode.FAILED, "interrupted while updating " + topic, null,
                    "run `cutover step` again", e);
        }
    }
}
