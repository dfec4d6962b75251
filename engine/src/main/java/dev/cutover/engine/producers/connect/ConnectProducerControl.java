package dev.cutover.engine.producers.connect;

import dev.cutover.engine.connect.ConnectRestClient;
import dev.cutover.engine.connect.ConnectVersion;
import dev.cutover.engine.connect.ConnectorStatus;
import dev.cutover.engine.controls.ClusterSide;
import dev.cutover.engine.controls.ControlException;
import dev.cutover.engine.producers.ProducerControl;
import dev.cutover.engine.producers.ResumePosition;
import dev.cutover.plans.ConnectControl;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A producer that is a Kafka Connect source connector, moved between two Connect clusters with the
 * public REST API only (offsets API, Kafka Connect 3.6+; creation in the STOPPED state, 3.7+):
 *
 * <pre>
 *  stop(side)      side:   PUT stop -> wait STOPPED, no task running -> GET offsets = the position
 *  start(TARGET)   target: create STOPPED with the source's config (or find the stopped copy)
 *                          -> PATCH offsets = the position -> PUT resume -> wait RUNNING
 *  start(SOURCE)   target: stop the copy if any, so it never writes beside the source
 *                  source: PATCH offsets = the position -> PUT resume -> wait RUNNING
 * </pre>
 *
 * The position is the exact JSON of GET offsets, carried unchanged (its replay id is inside, in
 * the connector's own format). Every call converges when repeated after a crash at any point: a
 * stop of a stopped connector reads the same offsets; a start finds the connector already created,
 * or already stopped, rewrites the same offsets, and does nothing at all once the connector runs
 * on that side (rewriting the offsets of a running connector would repeat what it wrote since).
 *
 * <p>{@code start(SOURCE)} resumes strictly after the given position: it is meant for putting a
 * connector back: after {@code stop(SOURCE)} when it never got going on the target, after
 * {@code stop(TARGET)} when it did, so it resumes after the last event it wrote there.
 */
public final class ConnectProducerControl implements ProducerControl {

    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration POLL_FIRST = Duration.ofMillis(50);
    private static final Duration POLL_MAX = Duration.ofSeconds(1);
    /** How long a stop looks again at offsets that come back empty (see {@link #stop()}). */
    private static final Duration EMPTY_OFFSETS_GRACE = Duration.ofSeconds(3);

    private final String field;
    private final String connector;
    private final ConnectRestClient source;
    private final ConnectRestClient target;
    private final Duration timeout;

    public ConnectProducerControl(String producer, ConnectControl control) {
        this(producer, control, DEFAULT_TIMEOUT);
    }

    /** @param timeout how long a state change (stopped, running) or a rebalance may take */
    public ConnectProducerControl(String producer, ConnectControl control, Duration timeout) {
        this.field = "producers." + producer + ".control";
        this.connector = control.connector();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.source = new ConnectRestClient(field + ".source-url", control.sourceUrl(), http, timeout);
        this.target = new ConnectRestClient(field + ".target-url", control.targetUrl(), http, timeout);
        this.timeout = timeout;
    }

    @Override
    public ResumePosition stop(ClusterSide side) throws ControlException {
        ConnectRestClient connect = side == ClusterSide.TARGET ? target : source;
        String urlField = side == ClusterSide.TARGET ? "target-url" : "source-url";
        requireVersion(connect, urlField, 3, 6, "Moving a connector's offsets");
        connect.stop(connector);
        awaitStopped(connect, urlField);
        String offsets = connect.offsets(connector);
        long deadline = System.nanoTime() + EMPTY_OFFSETS_GRACE.toNanos();
        while (offsetsOf(connect, offsets).isEmpty() && System.nanoTime() < deadline) {
            // Connect lists a connector's partitions from what its offsets-topic reader has consumed
            // so far (the values are read to the end, the list of partitions is not): a first commit
            // made just before the stop may not be listed yet. Empty would mean "start from the
            // earliest event", so it is worth a second look.
            pause(POLL_FIRST);
            offsets = connect.offsets(connector);
        }
        return new ResumePosition(null, offsets);
    }

    private ConnectorOffsets offsetsOf(ConnectRestClient connect, String json) throws ControlException {
        return ConnectorOffsets.parse(field + ": the offsets of '" + connector + "' on " + connect.url(), json);
    }

    @Override
    public void start(ClusterSide side, ResumePosition position) throws ControlException {
        ConnectorOffsets offsets = ConnectorOffsets.parse(field + ": the position to start '" + connector + "' from",
                position == null ? null : position.report());
        if (side == ClusterSide.TARGET) {
            startOnTarget(offsets);
        } else {
            startOnSource(offsets);
        }
    }

    private void startOnTarget(ConnectorOffsets offsets) throws ControlException {
        requireVersion(target, "target-url", 3, 7, "Creating a connector in the STOPPED state");
        Optional<ConnectorStatus> copy = target.status(connector);
        if (copy.isEmpty()) {
            target.createStopped(connector, source.config(connector));
        } else if (alreadyResumed(copy.get(), "target-url")) {
            awaitRunning(target, "target-url"); // resumed by an earlier call
            return;
        }
        awaitStopped(target, "target-url");
        writeOffsets(target, offsets);
        target.resume(connector);
        awaitRunning(target, "target-url");
    }

    private void startOnSource(ConnectorOffsets offsets) throws ControlException {
        Optional<ConnectorStatus> copy = target.status(connector);
        if (copy.isPresent() && !copy.get().isStopped()) {
            target.stop(connector);
            awaitStopped(target, "target-url");
        }
        ConnectorStatus status = source.status(connector).orElseThrow(() -> missing(source));
        if (alreadyResumed(status, "source-url")) {
            awaitRunning(source, "source-url"); // put back by an earlier call
            return;
        }
        awaitStopped(source, "source-url");
        writeOffsets(source, offsets);
        source.resume(connector);
        awaitRunning(source, "source-url");
    }

    /**
     * Whether the connector was resumed after its offsets were written, by an earlier call: then its
     * offsets must not be written again, since it may have written records past the position since.
     * Only a STOPPED connector takes offsets; RUNNING (tasks starting or started) or FAILED means
     * resumed. PAUSED is refused: it ran, and whether it should go on or start over is not ours to say.
     */
    private boolean alreadyResumed(ConnectorStatus status, String urlField) throws ControlException {
        if ("PAUSED".equals(status.state())) {
            throw new ControlException(field + ": '" + connector + "' is PAUSED on " + urlField + ": it may have written "
                    + "past the position, so its offsets are not rewritten; resume it, or stop it (PUT /connectors/"
                    + connector + "/stop) to have cutover write the position and start it");
        }
        return !"STOPPED".equals(status.state());
    }

    /**
     * Writes the position as the connector's offsets and reads them back. No offsets (the connector
     * had committed nothing) means resetting any it has, so it starts where a new one would.
     */
    private void writeOffsets(ConnectRestClient connect, ConnectorOffsets offsets) throws ControlException {
        if (offsets.isEmpty()) {
            connect.resetOffsets(connector);
        } else {
            connect.alterOffsets(connector, offsets.patchBody());
        }
        // Read back until Connect lists them: its list of a connector's partitions follows the offsets
        // topic with a delay (see stop()).
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration poll = POLL_FIRST;
        while (true) {
            ConnectorOffsets written = offsetsOf(connect, connect.offsets(connector));
            if (offsets.isEmpty() ? written.isEmpty() : written.includes(offsets)) {
                return;
            }
            if (System.nanoTime() + poll.toNanos() > deadline) {
                throw new ControlException(field + ": after writing the offsets of '" + connector + "' on "
                        + connect.url() + " it still reports " + written + " instead of " + offsets + " after " + timeout);
            }
            pause(poll);
            poll = next(poll);
        }
    }

    private void requireVersion(ConnectRestClient connect, String urlField, int major, int minor, String what)
            throws ControlException {
        String version = connect.serverInfo().version();
        ConnectVersion parsed = ConnectVersion.parse(version);
        if (parsed == null || !parsed.atLeast(major, minor)) {
            throw new ControlException(field + ": " + what + " needs Kafka Connect " + major + "." + minor
                    + " or later; " + urlField + " (" + connect.url() + ") runs " + version);
        }
    }

    private void awaitStopped(ConnectRestClient connect, String urlField) throws ControlException {
        await(connect, urlField, "STOPPED with no task running", ConnectorStatus::isStopped, false);
    }

    private void awaitRunning(ConnectRestClient connect, String urlField) throws ControlException {
        await(connect, urlField, "RUNNING with every task running", ConnectorStatus::isRunning, true);
    }

    private void await(ConnectRestClient connect, String urlField, String wanted,
                       Predicate<ConnectorStatus> reached, boolean failFast) throws ControlException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration poll = POLL_FIRST;
        while (true) {
            // Just after creation the status may not be there yet: keep asking until the deadline.
            Optional<ConnectorStatus> status = connect.status(connector);
            ConnectorStatus last = status.orElse(null);
            if (last != null && reached.test(last)) {
                return;
            }
            if (failFast && last != null && last.failure() != null) {
                throw new ControlException(field + ": '" + connector + "' on " + urlField + " (" + connect.url()
                        + ") did not start: " + last.failure());
            }
            if (System.nanoTime() + poll.toNanos() > deadline) {
                if (last == null) {
                    throw missing(connect);
                }
                throw new ControlException(field + ": '" + connector + "' on " + urlField + " (" + connect.url()
                        + ") was not " + wanted + " within " + timeout + "; last status: " + last.describe());
            }
            pause(poll);
            poll = next(poll);
        }
    }

    private static Duration next(Duration poll) {
        return poll.multipliedBy(2).compareTo(POLL_MAX) > 0 ? POLL_MAX : poll.multipliedBy(2);
    }

    private void pause(Duration interval) throws ControlException {
        try {
            Thread.sleep(interval.toMillis()); // polling interval of a REST endpoint
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException(field + ": interrupted while waiting for '" + connector + "'", e);
        }
    }

    private ControlException missing(ConnectRestClient connect) {
        return new ControlException(field + ": connector '" + connector + "' does not exist on " + connect.url()
                + "; check the connector name and the URL");
    }
}
