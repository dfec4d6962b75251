package dev.cutover.engine.agent;

import java.time.Duration;

/**
 * What the ledger and the operating system say about the mirror agent.
 *
 * @param registered an agent has ever registered in this ledger
 * @param alive      its process exists (same host) and its heartbeat is fresh
 * @param pid        its process id, or -1
 * @param heartbeatAge time since its last heartbeat, or null
 * @param state      what it last reported (RUNNING, FAILED, STOPPED), or null
 * @param detail     its last message (e.g. a data-loss report), or null
 */
public record AgentHealth(boolean registered, boolean alive, long pid, Duration heartbeatAge, String state, String detail) {

    public static AgentHealth none() {
        return new AgentHealth(false, false, -1, null, null, null);
    }

    public boolean failed() {
        return "FAILED".equals(state);
    }

    /** One line for status output. */
    public String summary() {
        if (!registered) {
            return "not started";
        }
        String age = heartbeatAge == null ? "-" : heartbeatAge.toSeconds() + "s ago";
        String life = alive ? "alive" : "STOPPED".equals(state) ? "stopped" : "dead";
        return life + ", pid " + pid + ", " + state + ", heartbeat " + age
                + (detail == null || detail.isBlank() ? "" : ", " + detail);
    }
}
