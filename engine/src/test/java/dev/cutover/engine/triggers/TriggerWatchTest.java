package dev.cutover.engine.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.plans.TriggerKind;
import dev.cutover.plans.TriggerSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code for} logic on hand-fed triggers and a clock moved by hand: no Kafka, no sleeping. */
class TriggerWatchTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);

    /** Answers with the next scripted outcome: breached, clear, or a failure. */
    private static final class ScriptedTrigger implements Trigger {
        enum Outcome { BREACHED, CLEAR, FAILS }

        private final TriggerSpec spec;
        private final Clock clock;
        private final Deque<Outcome> script = new ArrayDeque<>();
        boolean closed;

        ScriptedTrigger(String name, Duration forDuration, Clock clock) {
            this.spec = new TriggerSpec(name, TriggerKind.COMMAND, null, null, "./probe", null, null, forDuration, null);
            this.clock = clock;
        }

        ScriptedTrigger then(Outcome... outcomes) {
            script.addAll(List.of(outcomes));
            return this;
        }

        @Override
        public TriggerSpec spec() {
            return spec;
        }

        @Override
        public Reading evaluate() throws TriggerException {
            Outcome next = script.removeFirst();
            if (next == Outcome.FAILS) {
                throw new TriggerException("could not run the command of trigger " + spec.name() + ": scripted");
            }
            boolean breached = next == Outcome.BREACHED;
            return new Reading(spec.name(), "command", breached ? 1 : 0, "exit " + (breached ? 1 : 0), "exit 0 within 30s",
                    breached, clock.instant(), "");
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final ScriptedTrigger.Outcome B = ScriptedTrigger.Outcome.BREACHED;
    private static final ScriptedTrigger.Outcome C = ScriptedTrigger.Outcome.CLEAR;
    private static final ScriptedTrigger.Outcome F = ScriptedTrigger.Outcome.FAILS;

    private Evaluation after(TriggerWatch watch, int seconds) {
        clock.advance(Duration.ofSeconds(seconds));
        return watch.evaluate();
    }

    @Test
    void aBreachIsPendingUntilItHasHeldForItsDurationThenConfirmedUntilItClears() {
        ScriptedTrigger probe = new ScriptedTrigger("probe", Duration.ofSeconds(30), clock).then(B, B, B, B, C, B);
        try (TriggerWatch watch = new TriggerWatch(List.of(probe), clock)) {
            Evaluation first = watch.evaluate();
            assertThat(first.breaches()).singleElement().satisfies(b -> {
                assertThat(b.since()).isEqualTo(T0);
                assertThat(b.confirmed()).isFalse();
            });
            assertThat(first.firstConfirmed()).isEmpty();

            assertThat(after(watch, 29).firstConfirmed()).as("held 29 of 30 s").isEmpty();

            Evaluation confirmed = after(watch, 1);
            assertThat(confirmed.firstConfirmed()).hasValueSatisfying(b -> {
                assertThat(b.trigger()).isEqualTo("probe");
                assertThat(b.since()).isEqualTo(T0);
                assertThat(b.confirmedAt()).isEqualTo(T0.plusSeconds(30));
                assertThat(b.reading().valueText()).isEqualTo("exit 1");
            });

            Evaluation stillConfirmed = after(watch, 10);
            assertThat(stillConfirmed.firstConfirmed()).hasValueSatisfying(b -> {
                assertThat(b.since()).isEqualTo(T0);
                assertThat(b.confirmedAt()).as("confirmation time stays put").isEqualTo(T0.plusSeconds(30));
            });

            Evaluation cleared = after(watch, 10);
            assertThat(cleared.breaches()).isEmpty();
            assertThat(cleared.readings()).singleElement().satisfies(r -> assertThat(r.breached()).isFalse());

            Evaluation again = after(watch, 10);
            assertThat(again.breaches()).singleElement().satisfies(b -> {
                assertThat(b.since()).as("a new run starts over").isEqualTo(T0.plusSeconds(60));
                assertThat(b.confirmed()).isFalse();
            });
        }
    }

    @Test
    void aClearReadingInTheMiddleRestartsTheCount() {
        ScriptedTrigger probe = new ScriptedTrigger("probe", Duration.ofSeconds(30), clock).then(B, C, B, B);
        try (TriggerWatch watch = new TriggerWatch(List.of(probe), clock)) {
            watch.evaluate();
            after(watch, 20);
            Evaluation restarted = after(watch, 15);
            assertThat(restarted.breaches()).singleElement().satisfies(b -> {
                assertThat(b.since()).isEqualTo(T0.plusSeconds(35));
                assertThat(b.confirmed()).as("35 s after the first breach, but only 0 s unbroken").isFalse();
            });
            assertThat(after(watch, 30).firstConfirmed()).hasValueSatisfying(b ->
                    assertThat(b.confirmedAt()).isEqualTo(T0.plusSeconds(65)));
        }
    }

    @Test
    void withoutForTheFirstBreachedReadingIsConfirmed() {
        ScriptedTrigger probe = new ScriptedTrigger("probe", null, clock).then(B);
        try (TriggerWatch watch = new TriggerWatch(List.of(probe), clock)) {
            Evaluation evaluation = watch.evaluate();
            assertThat(evaluation.firstConfirmed()).hasValueSatisfying(b -> {
                assertThat(b.since()).isEqualTo(T0);
                assertThat(b.confirmedAt()).isEqualTo(T0);
                assertThat(b.confirmAfter()).isEqualTo(Duration.ZERO);
            });
        }
    }

    @Test
    void aFailedReadingNeitherClearsNorConfirmsABreach() {
        ScriptedTrigger probe = new ScriptedTrigger("probe", Duration.ofSeconds(30), clock).then(B, F, B);
        try (TriggerWatch watch = new TriggerWatch(List.of(probe), clock)) {
            watch.evaluate();
            Evaluation failed = after(watch, 40);
            assertThat(failed.readings()).isEmpty();
            assertThat(failed.breaches()).isEmpty();
            assertThat(failed.failures()).singleElement().satisfies(f -> {
                assertThat(f.trigger()).isEqualTo("probe");
                assertThat(f.kind()).isEqualTo("command");
                assertThat(f.message()).contains("scripted");
                assertThat(f.at()).isEqualTo(T0.plusSeconds(40));
            });
            Evaluation next = after(watch, 10);
            assertThat(next.firstConfirmed()).hasValueSatisfying(b -> {
                assertThat(b.since()).as("the breach was never seen to clear").isEqualTo(T0);
                assertThat(b.confirmedAt()).isEqualTo(T0.plusSeconds(50));
            });
        }
    }

    @Test
    void theFirstConfirmedBreachIsTheEarliestConfirmationAndEveryReadingIsReportedInPlanOrder() {
        ScriptedTrigger slow = new ScriptedTrigger("slow", Duration.ofSeconds(60), clock).then(B, B, B);
        ScriptedTrigger quiet = new ScriptedTrigger("quiet", null, clock).then(C, C, C);
        ScriptedTrigger fast = new ScriptedTrigger("fast", Duration.ofSeconds(10), clock).then(C, B, B);
        try (TriggerWatch watch = new TriggerWatch(List.of(slow, quiet, fast), clock)) {
            watch.evaluate();
            Evaluation second = after(watch, 5);
            assertThat(second.readings()).extracting(Reading::trigger).containsExactly("slow", "quiet", "fast");
            assertThat(second.breaches()).extracting(Breach::trigger).containsExactly("slow", "fast");
            assertThat(second.firstConfirmed()).isEmpty();

            Evaluation third = after(watch, 60);
            assertThat(third.confirmed()).extracting(Breach::trigger).containsExactly("slow", "fast");
            assertThat(third.firstConfirmed()).hasValueSatisfying(b -> {
                assertThat(b.trigger()).as("confirmed at the same evaluation; slow began first").isEqualTo("slow");
                assertThat(b.describe()).isEqualTo("slow: exit 1 (exit 0 within 30s) since 2026-11-25T10:00:00Z, "
                        + "confirmed at 2026-11-25T10:01:05Z");
            });
            assertThat(second.breaches().get(1).describe())
                    .isEqualTo("fast: exit 1 (exit 0 within 30s) since 2026-11-25T10:00:05Z, confirmed once it holds for 10s");
        }
    }

    @Test
    void closeClosesEveryTriggerOnceAndAClosedWatchRefusesToEvaluate() {
        ScriptedTrigger a = new ScriptedTrigger("a", null, clock);
        ScriptedTrigger b = new ScriptedTrigger("b", null, clock);
        TriggerWatch watch = new TriggerWatch(List.of(a, b), clock);
        watch.close();
        watch.close();
        assertThat(a.closed).isTrue();
        assertThat(b.closed).isTrue();
        assertThatThrownBy(watch::evaluate).isInstanceOf(IllegalStateException.class);
    }
}
