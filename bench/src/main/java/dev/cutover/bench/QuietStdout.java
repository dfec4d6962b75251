package dev.cutover.bench;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * While open, {@code System.out} goes nowhere: Kafka's test kit, which runs the embedded clusters,
 * prints its chatter there. {@link #stdout()} is the real stdout, for the results; closing puts it back.
 */
final class QuietStdout implements AutoCloseable {

    private final PrintStream stdout;

    private QuietStdout(PrintStream stdout) {
        this.stdout = stdout;
    }

    static QuietStdout begin() {
        PrintStream real = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        return new QuietStdout(real);
    }

    PrintStream stdout() {
        return stdout;
    }

    @Override
    public void close() {
        System.setOut(stdout);
    }
}
