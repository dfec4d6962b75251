package dev.cutover.engine.run;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Waits for a condition on the clusters, which offer no event to wait on: ask, sleep, ask again,
 * until the answer comes or the deadline passes. The one poll loop of the engine; its clock and
 * sleep are a {@link Time}, so a test drives it without waiting.
 */
public final class Poll {

    /** One look at the condition: the answer when it holds, empty to look again. */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        Optional<T> attempt(Duration waited) throws E;
    }

    private Poll() {
    }

    /**
     * @param every   the sleep between two attempts
     * @param timeout how long to keep trying; the first attempt is always made
     * @param expired the failure to throw when the deadline passed, given how long it waited
     * @return the first answer
     */
    public static <T, E extends Exception> T until(Time time, Duration every, Duration timeout, Attempt<T, E> attempt,
                                                    Function<Duration, E> expired) throws E {
        long began = time.nanos();
        while (true) {
            Duration waited = Duration.ofNanos(time.nanos() - began);
            Optional<T> answer = attempt.attempt(waited);
            if (answer.isPresent()) {
                return answer.get();
            }
            if (waited.compareTo(timeout) >= 0) {
                throw expired.apply(waited);
            }
            time.sleep(every);
        }
    }
}
