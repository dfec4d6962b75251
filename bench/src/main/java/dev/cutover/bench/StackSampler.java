package dev.cutover.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A wall-clock profile of some threads (one, or every thread whose name starts with a prefix, such
 * as move-consumers' lanes: then the figures are thread-seconds, summed over the lanes): while open,
 * samples their stacks every {@code interval} and adds
 * the time since the previous sample to a key made of the innermost frame of {@code phaseClass}
 * (e.g. {@code SwitchSteps.crossCheck}) and the innermost frame of the project's code (e.g.
 * {@code TopicTail.read:48}). Waiting counts as much as running: sleeps, polls and I/O show up.
 * Samples outside {@code phaseClass} are dropped. Sampling takes a safepoint each time, a small cost.
 */
final class StackSampler implements AutoCloseable {

    private static final String PROJECT = "dev.cutover.";

    private final Predicate<Thread> targets;
    private final Thread single;
    private final String phaseClass;
    private final Duration interval;
    private final Map<String, Long> nanos = new HashMap<>();
    private final Thread sampler;

    private StackSampler(Predicate<Thread> targets, Thread single, String name, String phaseClass, Duration interval) {
        this.targets = targets;
        this.single = single;
        this.phaseClass = phaseClass;
        this.interval = interval;
        this.sampler = new Thread(this::sample, "stack sampler of " + name);
        this.sampler.setDaemon(true);
    }

    static StackSampler start(Thread target, String phaseClass, Duration interval) {
        return start(t -> t == target, target, target.getName(), phaseClass, interval);
    }

    /** Samples every live thread whose name starts with {@code namePrefix}. */
    static StackSampler startForThreads(String namePrefix, String phaseClass, Duration interval) {
        return start(t -> t.getName().startsWith(namePrefix), null, namePrefix + "*", phaseClass, interval);
    }

    private static StackSampler start(Predicate<Thread> targets, Thread single, String name, String phaseClass,
                                      Duration interval) {
        StackSampler s = new StackSampler(targets, single, name, phaseClass, interval);
        s.sampler.start();
        return s;
    }

    private void sample() {
        long previous = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            long now = System.nanoTime();
            long elapsed = now - previous;
            // One thread's stack is cheaper to take than every thread's: the switch profile samples one.
            Map<Thread, StackTraceElement[]> stacks = single != null ? Map.of(single, single.getStackTrace())
                    : Thread.getAllStackTraces();
            for (Map.Entry<Thread, StackTraceElement[]> t : stacks.entrySet()) {
                String key = targets.test(t.getKey()) ? key(t.getValue()) : null;
                if (key != null) {
                    synchronized (nanos) {
                        nanos.merge(key, elapsed, Long::sum);
                    }
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
        synchronized (nanos) {
            return nanos.entrySet().stream().filter(e -> e.getValue() / 1_000_000 >= minMillis)
                    .map(e -> Map.entry(e.getKey(), e.getValue() / 1_000_000))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList();
        }
    }

    /** Prints {@code title} and the keys with at least {@code minMillis}, longest first, on stderr. */
    void print(String title, long minMillis) {
        System.err.println(title);
        top(minMillis).forEach(e -> System.err.printf("  %,7d ms  %s%n", e.getValue(), e.getKey()));
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
