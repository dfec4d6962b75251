package dev.cutover.engine.gates;

import dev.cutover.engine.CutoverException;
import dev.cutover.engine.clusters.ClusterClients;
import dev.cutover.engine.clusters.ClusterInspector;
import dev.cutover.engine.connect.ConnectMirrorPreflight;
import dev.cutover.engine.connect.ConnectMirrorRefused;
import dev.cutover.engine.connect.ConnectTlsRefused;
import dev.cutover.engine.connect.MirrorOnConnect;
import dev.cutover.engine.controls.ControlException;
import dev.cutover.engine.run.GateContext;
import dev.cutover.engine.run.GateFailedException;
import dev.cutover.plans.ConsumerSpec;
import dev.cutover.plans.ControlSpec;
import dev.cutover.plans.GateName;
import dev.cutover.plans.MirrorEngine;
import dev.cutover.plans.ProducerSpec;
import dev.cutover.plans.PropertyResolver;
import dev.cutover.plans.compile.CompiledPlan;
import dev.cutover.plans.compile.TopicAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.acl.AclOperation;

/**
 * Both clusters answer with the given credentials and allow what the cutover will do; every
 * selected topic exists on the source and none conflicts on the target; every control the plan
 * names can be reached or executed. Changes nothing.
 */
public final class PreflightGate implements Gate {

    @Override
    public GateName name() {
        return GateName.PREFLIGHT;
    }

    @Override
    public Map<String, Object> check(GateContext context) throws GateFailedException {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("source", reach(context.source(), Set.of(AclOperation.DESCRIBE), evidence));
        evidence.put("target", reach(context.target(), Set.of(AclOperation.CREATE, AclOperation.ALTER_CONFIGS), evidence));
        CompiledPlan compiled = context.compiled();
        if (compiled.selectedTopics().isEmpty()) {
            throw new GateFailedException("topics.include selects no topic on the source cluster",
                    "check the patterns under topics.include (they are full-match Java regexes)", evidence);
        }
        evidence.put("topics", compiled.selectedTopics());
        for (ProducerSpec producer : context.plan().producers()) {
            for (String topic : producer.topics()) {
                if (!compiled.selectedTopics().contains(topic)) {
                    throw new GateFailedException("producer " + producer.name() + " writes to " + topic
                            + ", which does not exist on the source cluster",
                            "create the topic or correct producers." + producer.name() + ".topics", evidence);
                }
            }
        }
        List<String> conflicts = compiled.topicActions().stream()
                .filter(a -> a.kind() == TopicAction.Kind.CONFLICT)
                .map(a -> a.topic() + ": " + a.detail()).toList();
        if (!conflicts.isEmpty()) {
            evidence.put("conflicts", conflicts);
            throw new GateFailedException("conflicting topics on the target: " + String.join("; ", conflicts),
                    "delete or rename the conflicting topics on the target, or exclude them under topics.exclude", evidence);
        }
        List<String> controls = new ArrayList<>();
        for (ProducerSpec p : context.plan().producers()) {
            controls.add(ControlProbe.check("producers." + p.name() + ".control", p.control()));
        }
        for (ConsumerSpec c : context.plan().consumers()) {
            controls.add(ControlProbe.check("consumers." + c.group() + ".control", c.control()));
        }
        evidence.put("controls", controls);
        if (context.plan().mirror().engine() == MirrorEngine.CONNECT) {
            evidence.put("connect", connectCluster(context, evidence));
        }
        return evidence;
    }

    /** The plan's Connect cluster can run the mirror's connectors with exactly-once copying. */
    private static Map<String, Object> connectCluster(GateContext context, Map<String, Object> evidence)
            throws GateFailedException {
        MirrorOnConnect connect = MirrorOnConnect.of(context.compiled(), context.source(), context.target(), new PropertyResolver());
        try {
            return ConnectMirrorPreflight.check(connect.client(), connect.connectors(), connect.reverseName(),
                    context.plan().producers().isEmpty() ? Map.of() : connect.reverse());
        } catch (ConnectMirrorRefused e) {
            throw new GateFailedException(e.getMessage(), e.remedy(), evidence);
        } catch (ConnectTlsRefused e) {
            throw new GateFailedException(e.getMessage(), e.remedy() + ", then run `cutover step` again", evidence);
        } catch (ControlException e) {
            throw new GateFailedException(e.getMessage(),
                    "check mirror.connect.url and that Kafka Connect answers there, then run `cutover step` again", evidence);
        }
    }

    private static Map<String, Object> reach(ClusterClients clients, Set<AclOperation> needed, Map<String, Object> evidence)
            throws GateFailedException {
        try {
            DescribeClusterResult cluster = clients.admin().describeCluster(
                    new DescribeClusterOptions().includeAuthorizedOperations(true));
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("bootstrap", clients.bootstrap());
            facts.put("clusterId", ClusterInspector.await(cluster.clusterId(), clients, "describe the cluster"));
            facts.put("brokers", ClusterInspector.await(cluster.nodes(), clients, "list brokers").size());
            Set<AclOperation> allowed = ClusterInspector.await(cluster.authorizedOperations(), clients, "read permissions");
            if (allowed == null) {
                // No authorizer on the cluster (or it does not report): everything is allowed.
                facts.put("permissions", "not enforced by the cluster");
            } else {
                List<String> missing = needed.stream()
                        .filter(op -> !allowed.contains(op) && !allowed.contains(AclOperation.ALL))
                        .map(Enum::name).sorted().toList();
                if (!missing.isEmpty()) {
                    throw new GateFailedException("the credentials for the " + clients + " lack cluster permissions "
                            + missing, "grant " + missing + " on the cluster to the principal in clusters."
                            + clients.role() + ".properties", evidence);
                }
                facts.put("permissions", "granted: " + needed);
            }
            return facts;
        } catch (CutoverException e) {
            throw new GateFailedException(e.getMessage(), e.remedy(), evidence);
        }
    }

    @Override
    public Map<String, Object> act(GateContext context) {
        return Map.of();
    }

    @Override
    public Map<String, Object> verify(GateContext context) {
        return Map.of("result", "both clusters reachable, topics and controls ready");
    }

    /** For display: the controls a plan names, one line each. */
    static String describe(ControlSpec control) {
        return ControlProbe.describe(control);
    }
}
