package dev.cutover.engine.agent;

import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import dev.cutover.state.AgentRecord;
import dev.cutover.state.Ledger;
import dev.cutover.state.ProcessStart;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts, watches and stops the mirror agent: the background process that hosts MirrorMaker 2
 * for {@code mirror.engine: embedded}. The agent must outlive the {@code cutover step} that
 * starts it (mirroring goes on between gates), so it is a separate process in its own session;
 * the ledger is the only channel between the two: the agent registers its pid, heartbeats
 * every second, saves its per-partition progress, and exits when the ledger asks it to.
 */
public final class MirrorAgentSupervisor {

    /** A heartbeat older than this means the agent is hung or gone. */
    static final Duration STALE_AFTER = Duration.ofSeconds(15);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration EXIT_POLL = Duration.ofMillis(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path ledgerFile;

    public MirrorAgentSupervisor(Path ledgerFile) {
        this.ledgerFile = ledgerFile.toAbsolutePath();
    }

    /** Where the agent writes its log: beside the ledger. */
    public Path logFile() {
        return Path.of(ledgerFile + ".agent.log");
    }

    public AgentHealth health(Ledger ledger) {
        Optional<AgentRecord> record = ledger.agent();
        if (record.isEmpty()) {
            return AgentHealth.none();
        }
        AgentRecord r = record.get();
        Duration age = Duration.between(r.heartbeatAt(), Instant.now());
        boolean processAlive = isProcessAlive(r);
        boolean alive = processAlive && age.compareTo(STALE_AFTER) < 0 && !"STOPPED".equals(r.state());
        return new AgentHealth(true, alive, r.pid(), age, r.state(), r.detail());
    }

    /**
     * Keeps the agent copying while a gate waits on its copy: fails when the agent reported a
     * failure, restarts it when it is dead or hung (it resumes from its saved positions). Returns
     * its health as found, so {@code !alive()} means it was just restarted.
     */
    public AgentHealth keepRunning(Ledger ledger) throws AgentFailedException {
        AgentHealth health = health(ledger);
        if (health.failed()) {
            throw new AgentFailedException(health);
        }
        if (!health.alive()) {
            ensureRunning(ledger);
        }
        return health;
    }

    private static boolean isProcessAlive(AgentRecord r) {
        if (!localHost().equals(r.host())) {
            // Another machine: only its heartbeat can tell.
            return Duration.between(r.heartbeatAt(), Instant.now()).compareTo(STALE_AFTER) < 0;
        }
        return ProcessHandle.of(r.pid())
                .filter(ProcessHandle::isAlive)
                .filter(h -> ProcessStart.matches(h, r.processStart()))
                .isPresent();
    }

    /**
     * Makes sure a healthy agent is running: returns at once if one is, otherwise kills a hung
     * one, starts a new one and waits until it registers. Returns true if it started one.
     */
    public boolean ensureRunning(Ledger ledger) {
        AgentHealth health = health(ledger);
        if (health.alive() && !health.failed()) {
            return false;
        }
        if (health.registered()) {
            ProcessHandle.of(health.pid()).filter(h -> !health.failed() || h.isAlive()).ifPresent(this::kill);
        }
        long pid = launch();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Optional<AgentRecord> record = ledger.agent();
            if (record.isPresent() && record.get().pid() == pid && record.get().state() != null) {
                if ("FAILED".equals(record.get().state())) {
                    throw new CutoverException(ExitCode.FAILED, "the mirror agent failed at start: " + record.get().detail(),
                            "its log: " + logFile(), "fix the cause and run `cutover step` again");
                }
                return true;
            }
            if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
                throw new CutoverException(ExitCode.FAILED, "the mirror agent (pid " + pid + ") exited at start",
                        "its log: " + logFile(), "read the log, fix the cause and run `cutover step` again");
            }
            pause(Duration.ofMillis(200));
        }
        throw new CutoverException(ExitCode.FAILED, "the mirror agent (pid " + pid + ") did not register within "
                + START_TIMEOUT.toSeconds() + " s", "its log: " + logFile(), "read the log and run `cutover step` again");
    }

    /** Asks the agent to stop through the ledger, waits, and kills it if it does not. */
    public void stop(Ledger ledger) {
        Optional<AgentRecord> record = ledger.agent();
        if (record.isEmpty()) {
            return;
        }
        ledger.requestAgentStop();
        Optional<ProcessHandle> process = ProcessHandle.of(record.get().pid());
        if (process.isEmpty() || !localHost().equals(record.get().host())) {
            return;
        }
        Instant deadline = Instant.now().plus(STOP_TIMEOUT);
        while (process.get().isAlive() && Instant.now().isBefore(deadline)) {
            pause(EXIT_POLL); // a rollback starts the producers on the source only once the agent is gone
        }
        if (process.get().isAlive()) {
            kill(process.get());
        }
    }

    private void kill(ProcessHandle handle) {
        handle.destroyForcibly();
        handle.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> handle).join();
    }

    private long launch() {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            // Its own session: a Ctrl-C aimed at `cutover step` must not stop the mirroring.
            command.add("/usr/bin/setsid");
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.add("-XX:+UseParallelGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MirrorAgentMain.class.getName());
        command.add("--ledger");
        command.add(ledgerFile.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // Secrets reach the agent through the inherited environment and files, never its arguments.
        try {
            return builder.start().pid();
        } catch (IOException e) {
            throw new CutoverException(ExitCode.FAILED, "could not start the mirror agent: " + e.getMessage(), null,
                    "check that java is runnable from " + System.getProperty("java.home"), e);
        }
    }

    static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis()); // polling another process's registration; no event to wait on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(ExitCode.FAILED, "interrupted while waiting for the mirror agent", null,
                    "run `cutover step` again");
        }
    }
}
