package dev.cutover.state;

import static java.util.concurrent.TimeUnit.SECONDS;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** For testing: runs a main class of this test classpath in a separate JVM, as a second cutover or agent process. */
final class JavaProbe {
    record Result(int exitCode, String stdout, String stderr) {}

    private final Process process;
    private final CompletableFuture<String> stdout;
    private final CompletableFuture<String> stderr;

    private JavaProbe(Process process) {
        this.process = process;
        this.stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        this.stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    }

    static JavaProbe start(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new JavaProbe(new ProcessBuilder(command).start());
    }

    static Result run(Class<?> main, String... args) throws Exception {
        return start(main, args).await();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Result await() throws Exception {
        if (!process.waitFor(60, SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("probe process did not finish in 60 s");
        }
        return new Result(process.exitValue(), stdout.get(10, SECONDS), stderr.get(10, SECONDS));
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
