package dev.cutover.engine.run;

/**
 * Named points inside gates where a test can freeze a real {@code cutover} process and then
 * kill it with SIGKILL, to prove that {@code step} again finishes the job. Inert unless the
 * environment variable {@code CUTOVER_PAUSE_AT} names the point (for testing).
 */
public final class PausePoint {

    static final String VARIABLE = "CUTOVER_PAUSE_AT";

    private PausePoint() {
    }

    /** Blocks forever if {@code CUTOVER_PAUSE_AT} equals {@code name}; otherwise returns at once. */
    public static void reach(String name) {
        if (!name.equals(System.getenv(VARIABLE))) {
            return;
        }
        // The test waits for this exact line on stderr, then sends SIGKILL.
        System.err.println("cutover: paused at " + name);
        System.err.flush();
        Object never = new Object();
        synchronized (never) {
            while (true) {
                try {
                    never.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
