package dev.cutover.cli.rehearse;

import dev.cutover.engine.agent.AgentHealth;
import dev.cutover.engine.gates.FinalizeGate;
import dev.cutover.engine.mirror.MirrorOwnTopics;
import dev.cutover.engine.rehearsal.RehearsalCheck;
import dev.cutover.engine.status.CutoverState;
import dev.cutover.sandbox.Sandbox;
import dev.cutover.state.Ledger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * What the rehearsal's finalize scenario proves from the clusters and the processes, not from the
 * gate's own word: the cutover is done, no cutover process is left, MirrorMaker 2's topics are gone
 * from the target, and the source holds, in order, every record the target had when the copy stopped.
 */
final class FinalizeChecks {

    private FinalizeChecks() {
    }

    static List<RehearsalCheck> of(Ledger ledger, AgentHealth health, Sandbox sandbox) throws Exception {
        List<RehearsalCheck> checks = new ArrayList<>();
        CutoverState state = CutoverState.of(ledger.gates());
        checks.add(new RehearsalCheck("cutover done", state == CutoverState.DONE, "state " + state.label()));
        boolean processGone = !health.registered() || ProcessHandle.of(health.pid()).filter(ProcessHandle::isAlive).isEmpty();
        checks.add(new RehearsalCheck("no cutover process left running", processGone && !health.alive(),
                "mirror agent " + (health.registered() ? "pid " + health.pid() + (processGone ? " exited" : " STILL RUNNING") : "never started")));
        Path report = FinalizeGate.reportFile(ledger);
        checks.add(new RehearsalCheck("final report written", Files.isRegularFile(report),
                Files.isRegularFile(report) ? report + " (" + Files.size(report) + " bytes)" : "no " + report));
        Set<String> topics;
        try (Admin admin = sandbox.target().admin()) {
            topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
        List<String> left = MirrorOwnTopics.forwardOnTarget().stream().filter(topics::contains).toList();
        checks.add(new RehearsalCheck("MirrorMaker 2's own topics removed from the target", left.isEmpty(),
                left.isEmpty() ? "none of " + MirrorOwnTopics.forwardOnTarget() + " left" : "still there: " + left));
        return checks;
    }

    /**
     * The source is an archive of {@code topic}: per partition, its records are the target's first
     * records in the same order, none at or past the offset finalize recorded the reverse copy had reached.
     */
    static RehearsalCheck archive(String topic, Map<Integer, List<String>> source, Map<Integer, Long> sourceLastOffsets,
                                  Map<Integer, List<String>> target, Map<String, Object> archive) {
        List<String> problems = new ArrayList<>();
        long archived = 0;
        for (Map.Entry<Integer, List<String>> e : target.entrySet()) {
            List<String> src = source.getOrDefault(e.getKey(), List.of());
            Object point = archive.get(topic + "-" + e.getKey()) instanceof Map<?, ?> m ? m.get("sourceOffset") : null;
            if (point == null) {
                problems.add("partition " + e.getKey() + " has no archive point in the ledger");
                continue;
            }
            // The next source offset when the copy stopped: every source record lies below it. With the
            // embedded agent's plain writes it is also the record count; exactly-once copies on Connect
            // leave a commit marker after each transaction, so only the bound holds there.
            long expected = ((Number) point).longValue();
            long last = sourceLastOffsets.getOrDefault(e.getKey(), -1L);
            boolean gapless = last == src.size() - 1;
            if (last >= expected || src.size() > expected || gapless && src.size() != expected) {
                problems.add("partition " + e.getKey() + ": " + src.size() + " records on the source up to offset " + last
                        + ", finalize recorded the copy stopping at " + expected);
            }
            if (src.size() > e.getValue().size() || !e.getValue().subList(0, src.size()).equals(src)) {
                problems.add("partition " + e.getKey() + ": the source is not the target's first records in order");
            }
            archived += src.size();
        }
        return new RehearsalCheck("the source is an archive: " + topic, problems.isEmpty(), problems.isEmpty()
                ? String.format("%,d records on the source, each the target's record at the same place, up to the "
                        + "point finalize recorded when the copy stopped", archived)
                : String.join("; ", problems));
    }
}
