package dev.cutover.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A wall-clock profile of one thread: while open, samples its stack every {@code interval} and adds
 * the time since the previous sample to a key made of the innermost frame of {@code phaseClass}
 * (e.g. {@code SwitchSteps.crossCheck}) and the innermost frame of the project's code (e.g.
 * {@code TopicTail.read:48}). Waiting counts as much as running: sleeps, polls and I/O show up.
 * Samples outside {@code phaseClass} are dropped. Sampling takes a safepoint each time, a small cost.
 */
final class StackSampler implements AutoCloseable {

    private static final String PROJECT = "dev.cutover.";

    private final Thread target;
    private final String phaseClass;
    private final Duration interval;
    private final Map<String, Long> millis = new HashMap<>();
    private final Thread sampler;

    private StackSampler(Thread target, String phaseClass, Duration interval) {
        this.target = target;
        this.phaseClass = phaseClass;
        this.interval = interval;
        this.sampler = new Thread(this::sample, "stack sampler of " + target.getName());
        this.sampler.setDaemon(true);
    }

    static StackSampler start(Thread target, String phaseClass, Duration interval) {
        StackSampler s = new StackSampler(target, phaseClass, interval);
        s.sampler.start();
        return s;
    }

    private void sample() {
        long previous = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            StackTraceElement[] stack = target.getStackTrace();
            long now = System.nanoTime();
            String key = key(stack);
            if (key != null) {
                synchronized (millis) {
                    millis.merge(key, (now - previous) / 1_000_000, Long::sum);
                }
            }
            previous = now;
            try {
                Thread.sleep(interval.toMillis()); // the sampling period
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String key(StackTraceElement[] stack) {
        String phase = null;
        String innermost = null;
        for (StackTraceElement frame : stack) {
            if (innermost == null && frame.getClassName().startsWith(PROJECT)) {
                innermost = simpleName(frame) + "." + frame.getMethodName() + ":" + frame.getLineNumber();
            }
            if (frame.getClassName().equals(phaseClass)) {
                phase = simpleName(frame) + "." + frame.getMethodName();
                break;
            }
        }
        return phase == null ? null : phase + " > " + innermost;
    }

    private static String simpleName(StackTraceElement frame) {
        String name = frame.getClassName();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** The keys with at least {@code minMillis}, longest first. */
    List<Map.Entry<String, Long>> top(long minMillis) {
        synchronized (millis) {
            return millis.entrySet().stream().filter(e -> e.getValue() >= minMillis)
                    .map(e -> Map.entry(e.getKey(), e.getValue()))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList();
        }
    }

    @Override
    public void close() {
        sampler.interrupt();
        try {
            sampler.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
