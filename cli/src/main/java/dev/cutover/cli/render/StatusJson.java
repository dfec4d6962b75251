package dev.cutover.cli.render;

import dev.cutover.engine.agent.AgentHealth;
import dev.cutover.engine.connect.ConnectorStatus;
import dev.cutover.engine.status.ConnectMirrorView;
import dev.cutover.engine.status.StatusView;
import dev.cutover.state.GateRecord;
import dev.cutover.state.MirrorProgress;
import dev.cutover.state.PositionRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The contract's status document (section 1), plus the agent and mirror progress. */
public final class StatusJson {

    /** Bumped on breaking changes only; additions keep it. */
    public static final int FORMAT_VERSION = 1;

    private StatusJson() {
    }

    public static Map<String, Object> of(StatusView view) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("formatVersion", FORMAT_VERSION);
        doc.put("plan", Map.of("name", view.planName(), "fingerprint", view.fingerprint(), "file", view.planFile()));
        doc.put("state", view.state().label());
        doc.put("gates", view.gates().stream().map(StatusJson::gate).toList());
        doc.put("positions", view.positions().stream().map(StatusJson::position).toList());
        doc.put("agent", agent(view.agent()));
        doc.put("mirror", view.mirrorProgress().stream().map(StatusJson::progress).toList());
        view.connect().ifPresent(connect -> doc.put("connect", connect(connect)));
        doc.put("mirrorDirection", view.mirrorDirection());
        doc.put("triggers", view.triggers());
        return doc;
    }

    private static Map<String, Object> gate(GateRecord g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", g.name());
        m.put("state", g.state().label());
        m.put("attempts", g.attempts());
        m.put("startedAt", g.startedAt());
        m.put("endedAt", g.endedAt());
        m.put("detail", g.detail());
        m.put("evidence", g.evidence());
        return m;
    }

    private static Map<String, Object> position(PositionRow p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", p.kind());
        m.put("owner", p.owner());
        m.put("topic", p.topic());
        m.put("partition", p.partition());
        m.put("replayIdSource", p.replayIdSource());
        m.put("replayIdTarget", p.replayIdTarget());
        m.put("sourceOffset", p.sourceOffset());
        m.put("targetOffset", p.targetOffset());
        m.put("sourceCommit", p.sourceCommit());
        m.put("targetCommit", p.targetCommit());
        m.put("note", p.note());
        return m;
    }

    private static Map<String, Object> agent(AgentHealth a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("registered", a.registered());
        m.put("alive", a.alive());
        m.put("pid", a.pid());
        m.put("heartbeatAgeSeconds", a.heartbeatAge() == null ? null : a.heartbeatAge().toSeconds());
        m.put("state", a.state());
        m.put("detail", a.detail());
        return m;
    }

    private static Map<String, Object> progress(MirrorProgress p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("topic", p.topic());
        m.put("partition", p.partition());
        m.put("nextSourceOffset", p.nextSourceOffset());
        m.put("nextTargetOffset", p.nextTargetOffset());
        m.put("updatedAt", p.updatedAt());
        return m;
    }

    static List<Object> none() {
        return List.of();
    }

    /** The mirror on Kafka Connect: connectors, tasks and their workers, the copy per partition. */
    private static Map<String, Object> connect(ConnectMirrorView connect) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("url", connect.url());
        doc.put("error", connect.error());
        doc.put("connectors", connect.connectors().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("state", c.status().map(ConnectorStatus::state).orElse(null));
            m.put("tasks", c.status().map(s -> s.tasks().stream().map(t -> {
                Map<String, Object> task = new LinkedHashMap<>();
                task.put("id", t.id());
                task.put("state", t.state());
                task.put("worker", t.workerId());
                return task;
            }).toList()).orElse(java.util.List.of()));
            return m;
        }).toList());
        doc.put("copied", connect.copied().entrySet().stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("topic", e.getKey().topic());
            m.put("partition", e.getKey().partition());
            m.put("nextSourceOffset", e.getValue());
            return m;
        }).toList());
        return doc;
    }
}
