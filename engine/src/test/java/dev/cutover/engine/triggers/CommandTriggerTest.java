package dev.cutover.engine.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.plans.TriggerKind;
import dev.cutover.plans.TriggerSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CommandTriggerTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);

    private static TriggerSpec probe(String run) {
        return new TriggerSpec("probe", TriggerKind.COMMAND, null, null, run, null, null, Duration.ofSeconds(10), null);
    }

    @Test
    void exitZeroIsNotABreach() throws Exception {
        Reading reading = new CommandTrigger(probe("echo all good"), clock).evaluate();

        assertThat(reading.breached()).isFalse();
        assertThat(reading.value()).isZero();
        assertThat(reading.valueText()).isEqualTo("exit 0");
        assertThat(reading.threshold()).isEqualTo("exit 0 within 30s");
        assertThat(reading.trigger()).isEqualTo("probe");
        assertThat(reading.kind()).isEqualTo("command");
        assertThat(reading.at()).isEqualTo(NOW);
        assertThat(reading.detail()).isEqualTo("output: all good");
    }

    @Test
    void nonZeroExitIsABreachAndKeepsWhatTheCommandSaidOnBothStreams() throws Exception {
        Reading reading = new CommandTrigger(probe("echo checking; echo 'orders API answers 503' >&2; exit 1"), clock)
                .evaluate();

        assertThat(reading.breached()).isTrue();
        assertThat(reading.value()).isEqualTo(1);
        assertThat(reading.valueText()).isEqualTo("exit 1");
        assertThat(reading.detail()).isEqualTo("output: checking\norders API answers 503");
    }

    @Test
    void aMissingCommandIsABreachNotAFailure() throws Exception {
        Reading reading = new CommandTrigger(probe("./no-such-probe-here"), clock).evaluate();

        assertThat(reading.breached()).isTrue();
        assertThat(reading.value()).isEqualTo(127);
    }

    @Test
    void onlyTheTailOfLongOutputIsKept() throws Exception {
        Reading reading = new CommandTrigger(probe("i=0; while [ $i -lt 2000 ]; do echo line-$i; i=$((i+1)); done; exit 3"),
                clock).evaluate();

        assertThat(reading.value()).isEqualTo(3);
        assertThat(reading.detail()).startsWith("output: …").endsWith("line-1999");
        assertThat(reading.detail().length()).isLessThanOrEqualTo("output: …".length() + CommandTrigger.TAIL_CHARS);
    }

    @Test
    void noExitWithinTheTimeoutIsABreachAndTheCommandIsKilled() throws Exception {
        CommandTrigger trigger = new CommandTrigger(probe("echo started; sleep 61; echo never"), Duration.ofMillis(500), clock);

        long start = System.nanoTime();
        Reading reading = trigger.evaluate();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(reading.breached()).isTrue();
        assertThat(reading.value()).isEqualTo(-1);
        assertThat(reading.valueText()).isEqualTo("no exit within 500ms");
        assertThat(reading.detail()).isEqualTo("output: started");
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("sleep 61")))
                .as("the command and what it started are gone").isEmpty());
    }
}
