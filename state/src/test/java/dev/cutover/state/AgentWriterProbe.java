package dev.cutover.state;

import java.nio.file.Path;
import java.util.List;

/** For testing: a mirror agent process writing heartbeats and progress as fast as it can, N rounds. */
public final class AgentWriterProbe {
    public static void main(String[] args) {
        long pid = ProcessHandle.current().pid();
        int rounds = Integer.parseInt(args[1]);
        try (Ledger ledger = Ledger.open(Path.of(args[0]))) {
            ledger.registerAgent(pid, ProcessIdentity.localHost(), ProcessHandle.current().info().startInstant().orElse(null));
            for (int i = 0; i < rounds; i++) {
                ledger.agentHeartbeat(pid, "RUNNING", "round " + i);
                ledger.saveMirrorProgress(List.of(new MirrorProgress("sfdc.a", 0, i, i, null),
                        new MirrorProgress("sfdc.a", 1, i, i, null)));
            }
            ledger.agentHeartbeat(pid, "STOPPED", "done");
        }
    }
}
