package dev.cutover.cli.render;

import dev.cutover.engine.Planner.PlanResult;
import dev.cutover.plans.GateName;
import dev.cutover.plans.compile.CompiledPlan;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code cutover plan --output json}. */
public final class PlanJson {

    private PlanJson() {
    }

    public static Map<String, Object> of(PlanResult result, String ledger) {
        CompiledPlan compiled = result.compiled();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("formatVersion", StatusJson.FORMAT_VERSION);
        doc.put("plan", Map.of("name", compiled.plan().name(), "fingerprint", compiled.fingerprint(),
                "file", compiled.plan().sourceFile()));
        doc.put("ledger", ledger);
        doc.put("source", Map.of("clusterId", result.source().clusterId(), "brokers", result.source().brokerCount()));
        doc.put("target", Map.of("clusterId", result.target().clusterId(), "brokers", result.target().brokerCount()));
        doc.put("topics", compiled.topicActions().stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("topic", a.topic());
            m.put("action", a.kind().name().toLowerCase().replace('_', '-'));
            m.put("partitions", a.partitions());
            m.put("replicationFactor", (int) a.replicationFactor());
            m.put("configs", a.configsToSet());
            m.put("detail", a.detail());
            return m;
        }).toList());
        doc.put("groups", compiled.selectedGroups());
        doc.put("gates", compiled.gates().stream().map(GateName::label).toList());
        doc.put("warnings", compiled.warnings());
        return doc;
    }
}
