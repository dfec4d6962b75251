package dev.cutover.plans;

import java.time.Duration;

/** {@code gates}: the tunables of the gates that wait. Every part has a default. */
public record GateSettings(InSync inSync, Quiesce quiesce, Observe observe) {

    public static final GateSettings DEFAULT = new GateSettings(InSync.DEFAULT, Quiesce.DEFAULT, Observe.DEFAULT);

    /** {@code gates.in-sync}: mirror lag, in records per partition, that counts as in sync. */
    public record InSync(long maxLag, Duration timeout) {
        public static final InSync DEFAULT = new InSync(0, Duration.ofMinutes(15));
    }

    /** {@code gates.quiesce}: how long the source must stay quiet once producers stop. */
    public record Quiesce(Duration window, Duration timeout) {
        public static final Quiesce DEFAULT = new Quiesce(Duration.ofSeconds(5), Duration.ofMinutes(2));
    }

    /** {@code gates.observe}: how long no rollback trigger may fire before finalizing. */
    public record Observe(Duration duration) {
        public static final Observe DEFAULT = new Observe(Duration.ofMinutes(10));
    }
}
