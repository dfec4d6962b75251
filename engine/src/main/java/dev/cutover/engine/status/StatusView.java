package dev.cutover.engine.status;

import dev.cutover.engine.agent.AgentHealth;
import dev.cutover.state.GateRecord;
import dev.cutover.state.MirrorProgress;
import dev.cutover.state.PositionRow;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a cutover stands, as {@code cutover status} shows it (contract section 1). Text and JSON
 * renderers are both fed this one value. {@code triggers} is the latest evaluation of the rollback
 * triggers (by observe or watch), empty before the first. {@code connect} is the mirror on Kafka
 * Connect, read from there, only for {@code mirror.engine: connect}.
 */
public record StatusView(
        String planName,
        String fingerprint,
        String planFile,
        CutoverState state,
        List<GateRecord> gates,
        List<PositionRow> positions,
        AgentHealth agent,
        List<MirrorProgress> mirrorProgress,
        String mirrorDirection,
        Map<String, Object> triggers,
        Optional<ConnectMirrorView> connect) {
}
