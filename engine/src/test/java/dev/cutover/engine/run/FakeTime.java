package dev.cutover.engine.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Time that moves only when the code under test sleeps (or the test advances it): a wait of
 * minutes runs in a millisecond. Things a fake world does "meanwhile" hang on {@link #onSleep}.
 */
public final class FakeTime implements Time {

    private Instant now;
    private long nanos;
    private final List<Runnable> onSleep = new ArrayList<>();
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("tests use UTC");
        }
    };

    public FakeTime(Instant start) {
        this.now = start;
    }

    public FakeTime() {
        this(Instant.parse("2026-12-03T10:00:00Z"));
    }

    public synchronized void advance(Duration by) {
        now = now.plus(by);
        nanos += by.toNanos();
    }

    /** Runs {@code action} on every sleep, after the time moved. */
    public FakeTime onSleep(Runnable action) {
        onSleep.add(action);
        return this;
    }

    /** How far this time has moved since it was made. */
    public synchronized Duration elapsed() {
        return Duration.ofNanos(nanos);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public synchronized long nanos() {
        return nanos;
    }

    @Override
    public void sleep(Duration duration) {
        advance(duration);
        onSleep.forEach(Runnable::run);
    }
}
