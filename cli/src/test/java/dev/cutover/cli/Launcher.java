package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged launcher, {@code ./cutover}, run as a user runs it: a child process with the real
 * {@code main}, its own stdout and stderr (files, so neither can fill a pipe), and its exit code.
 * Runs in the integration-test phase, after the jar is packaged, so the launcher never builds.
 */
final class Launcher {

    private static final Path SCRIPT = Path.of(System.getProperty("cutover.launcher", "../cutover")).toAbsolutePath().normalize();

    private Launcher() {
    }

    /** What one command printed and returned. */
    record Run(List<String> args, int exitCode, String out, String err) {

        /** stderr holds only cutover's own lines: no library logging, no ANSI codes (stderr is not a terminal here). */
        Run assertCleanStderr() {
            for (String line : err.lines().toList()) {
                assertThat(line).as("stderr of `cutover %s`:%n%s", String.join(" ", args), err)
                        .doesNotContain("\u001b[").doesNotContain(" WARN ").doesNotContain(" INFO ")
                        .doesNotContain("Exception").doesNotContain("SLF4J");
            }
            return this;
        }

        Run assertExit(int expected) {
            assertThat(exitCode).as("exit code of `cutover %s`%nstdout:%n%s%nstderr:%n%s", String.join(" ", args), out, err)
                    .isEqualTo(expected);
            return this;
        }

        @Override
        public String toString() {
            return "cutover " + String.join(" ", args) + " -> " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    static Run run(Path workDir, String... args) throws IOException, InterruptedException {
        return run(workDir, Duration.ofMinutes(5), args);
    }

    static Run run(Path workDir, Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(SCRIPT.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("`cutover " + String.join(" ", args) + "` did not finish within " + timeout
                    + "\nstderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
        }
        Run run = new Run(List.of(args), process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
    }
}
