package dev.cutover.bench;

import dev.cutover.engine.run.Progress;

/**
 * The gate's notes on stderr, each with the milliseconds since this progress was made (the start of
 * the step), so the log shows where a switch spends its time. Updates (the polling lines) are dropped.
 */
final class TimedProgress implements Progress {

    private final String label;
    private final long start = System.nanoTime();

    TimedProgress(String label) {
        this.label = label;
    }

    @Override
    public void update(String line) {
    }

    @Override
    public void note(String line) {
        System.err.printf("%s %,7d ms  %s%n", label, (System.nanoTime() - start) / 1_000_000, line);
    }
}
