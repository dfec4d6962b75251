package dev.cutover.bench;

import dev.cutover.engine.gates.StepOutcome;
import dev.cutover.state.GateState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One {@code cutover step} in a JVM of its own, as a user runs it: nothing loaded, no connection
 * open, no code compiled before the step starts. The bench's own JVM has run every earlier step
 * and is warm, which would hide what a real step pays on first use. The child prints its outcome
 * as one tab-separated line on stdout; its stderr (the gate's timed notes) goes to the bench's.
 */
final class FreshJvmStep {

    private static final String OUTCOME = "outcome\t";

    private FreshJvmStep() {
    }

    /** Runs the next gate of {@code ledger} in a new JVM and returns its outcome. */
    static StepOutcome run(Path ledger, String label) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), FreshJvmStep.class.getName(),
                ledger.toString(), label);
        try {
            Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            child.getOutputStream().close();
            String outcome = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith(OUTCOME)) {
                        outcome = line.substring(OUTCOME.length());
                    }
                }
            }
            int exit = child.waitFor();
            if (outcome == null) {
                throw new IllegalStateException("the step's JVM exited with " + exit + " and reported no outcome (its stderr is above)");
            }
            String[] f = outcome.split("\t", -1);
            return new StepOutcome(f[0], GateState.valueOf(f[1]), Boolean.parseBoolean(f[2]), Duration.ofMillis(Long.parseLong(f[3])),
                    f[4].isEmpty() ? null : f[4], null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a JVM for the step: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the step ran", e);
        }
    }

    /** The child: {@code FreshJvmStep <ledger> <label>}. */
    public static void main(String[] args) {
        StepOutcome o = SwitchBench.step(Path.of(args[0]), new TimedProgress(args[1]));
        String detail = o.detail() == null ? "" : o.detail().replace('\t', ' ').replace('\n', ' ');
        System.out.println(OUTCOME + o.gate() + "\t" + o.state().name() + "\t" + o.resumed() + "\t" + o.took().toMillis() + "\t" + detail);
        System.out.flush();
        System.exit(0); // Kafka clients' non-daemon threads must not keep the child alive
    }
}
