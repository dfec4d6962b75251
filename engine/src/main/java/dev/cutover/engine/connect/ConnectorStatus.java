package dev.cutover.engine.connect;

import java.util.List;

/**
 * A connector's state on one Connect cluster ({@code GET /connectors/{name}/status}).
 *
 * @param state RUNNING, PAUSED, STOPPED, FAILED, UNASSIGNED or RESTARTING
 * @param tasks one entry per task; empty while the connector is stopped
 */
public record ConnectorStatus(String name, String state, List<TaskStatus> tasks) {

    public ConnectorStatus {
        tasks = List.copyOf(tasks);
    }

    /**
     * @param workerId the worker running it, e.g. {@code 10.0.0.7:8083}; null while unassigned
     * @param trace    the failure's stack trace, only for a FAILED task; null otherwise
     */
    public record TaskStatus(int id, String state, String workerId, String trace) {
    }

    /** Stopped and every task shut down: it writes nothing, and its offsets may be changed. */
    public boolean isStopped() {
        return "STOPPED".equals(state) && tasks.stream().noneMatch(t -> "RUNNING".equals(t.state()));
    }

    /** Running with at least one task, and every task running. */
    public boolean isRunning() {
        return "RUNNING".equals(state) && !tasks.isEmpty() && tasks.stream().allMatch(t -> "RUNNING".equals(t.state()));
    }

    /** The connector or one of its tasks failed: waiting will not make it run. */
    public String failure() {
        if ("FAILED".equals(state)) {
            return "the connector FAILED";
        }
        return tasks.stream().filter(t -> "FAILED".equals(t.state())).findFirst()
                .map(t -> "task " + t.id() + " FAILED" + (t.trace() == null ? "" : ": " + firstLine(t.trace())))
                .orElse(null);
    }

    /** For messages: "RUNNING, tasks [0 RUNNING]". */
    public String describe() {
        return state + ", tasks " + tasks.stream().map(t -> t.id() + " " + t.state()).toList();
    }

    private static String firstLine(String trace) {
        int end = trace.indexOf('\n');
        return end < 0 ? trace : trace.substring(0, end);
    }
}
