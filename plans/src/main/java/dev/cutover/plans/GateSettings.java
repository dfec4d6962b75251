package dev.cutover.plans;

import java.time.Duration;

/** {@code gates}: the tunables of the gates that wait. Every part has a default. */
public record GateSettings(InSync inSync, Quiesce quiesce, MoveConsumers moveConsumers, Observe observe,
                           Finalize finalizing) {

    public static final GateSettings DEFAULT = new GateSettings(InSync.DEFAULT, Quiesce.DEFAULT, MoveConsumers.DEFAULT,
            Observe.DEFAULT, Finalize.DEFAULT);

    /** The settings with every gate's default but {@code gates.finalize}. */
    public GateSettings(InSync inSync, Quiesce quiesce, MoveConsumers moveConsumers, Observe observe) {
        this(inSync, quiesce, moveConsumers, observe, Finalize.DEFAULT);
    }

    /** {@code gates.in-sync}: mirror lag, in records per partition, that counts as in sync. */
    public record InSync(long maxLag, Duration timeout) {
        public static final InSync DEFAULT = new InSync(0, Duration.ofMinutes(15));
    }

    /** {@code gates.quiesce}: how long the source must stay quiet once producers stop. */
    public record Quiesce(Duration window, Duration timeout) {
        public static final Quiesce DEFAULT = new Quiesce(Duration.ofSeconds(5), Duration.ofMinutes(2));
    }

    /**
     * {@code gates.move-consumers}: how many groups move at the same time. Groups are independent and a
     * move is mostly waiting on round trips (admin requests, single-record reads), so a few at once
     * shorten the gate without loading the clusters; 1 moves them one after another.
     */
    public record MoveConsumers(int parallel) {
        public static final int MAX_PARALLEL = 64;
        public static final MoveConsumers DEFAULT = new MoveConsumers(8);
    }

    /** {@code gates.observe}: how long no rollback trigger may fire before finalizing. */
    public record Observe(Duration duration) {
        public static final Observe DEFAULT = new Observe(Duration.ofMinutes(10));
    }

    /**
     * {@code gates.finalize}: how long the reverse copy may take to bring the source up to the moment
     * of finalizing, and whether MirrorMaker 2's own topics (offset-syncs, checkpoints) stay on the
     * target afterwards; by default they are removed, as cutover created them.
     */
    public record Finalize(Duration drainTimeout, boolean keepMirrorTopics) {
        public static final Finalize DEFAULT = new Finalize(Duration.ofMinutes(5), false);
    }
}
