package dev.cutover.engine.gates;

import dev.cutover.engine.run.GateFailedException;
import dev.cutover.engine.controls.ControlException;
import dev.cutover.engine.producers.connect.ConnectorPreflight;
import dev.cutover.plans.CommandControl;
import dev.cutover.plans.ConnectControl;
import dev.cutover.plans.ControlSpec;
import dev.cutover.plans.HttpControl;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Proves a producer's or consumer's control can be used before anything is stopped: the
 * command's program exists and is executable, the HTTP or Connect endpoint accepts a TCP
 * connection; for a Connect producer, read-only REST calls (version, connector status on both
 * sides). Stops or starts nothing.
 */
final class ControlProbe {

    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final int CONNECT_TIMEOUT_MS = 3_000;

    private ControlProbe() {
    }

    static String check(String field, ControlSpec control) throws GateFailedException {
        if (control instanceof CommandControl c) {
            program(field + ".stop", c.stop());
            program(field + ".start", c.start());
        } else if (control instanceof HttpControl h) {
            endpoint(field + ".stop", h.stop());
            endpoint(field + ".start", h.start());
        } else if (control instanceof ConnectControl k) {
            endpoint(field + ".source-url", k.sourceUrl());
            endpoint(field + ".target-url", k.targetUrl());
            try {
                return field + ": " + ConnectorPreflight.check(field, k);
            } catch (ControlException e) {
                throw new GateFailedException(e.getMessage(), "correct " + field + " or the connector, then step again");
            }
        }
        return field + ": " + describe(control) + ": reachable";
    }

    static String describe(ControlSpec control) {
        if (control instanceof CommandControl c) {
            return "command " + firstWord(c.stop());
        } else if (control instanceof HttpControl h) {
            return "http " + h.stop();
        } else if (control instanceof ConnectControl k) {
            return "connect " + k.connector() + " " + k.sourceUrl() + " -> " + k.targetUrl();
        }
        return String.valueOf(control);
    }

    /** "http://host:port" of a URL whose path or query may hold placeholders. */
    private static String origin(String url) {
        int schemeEnd = url.indexOf("://");
        int pathStart = url.indexOf('/', schemeEnd + 3);
        int queryStart = url.indexOf('?', schemeEnd + 3);
        int end = url.length();
        if (pathStart >= 0) {
            end = Math.min(end, pathStart);
        }
        if (queryStart >= 0) {
            end = Math.min(end, queryStart);
        }
        return url.substring(0, end);
    }

    private static String firstWord(String command) {
        return SPACE.split(command.strip(), 2)[0];
    }

    private static void program(String field, String command) throws GateFailedException {
        String program = firstWord(command);
        if (program.contains("/")) {
            Path path = Path.of(program);
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new GateFailedException(field + ": " + program + " is not an executable file (from "
                        + Path.of("").toAbsolutePath() + ")", "fix the path in " + field + " or make the file executable");
            }
            return;
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return;
            }
        }
        throw new GateFailedException(field + ": program '" + program + "' is not on the PATH",
                "install it or give its full path in " + field);
    }

    private static void endpoint(String field, String url) throws GateFailedException {
        // Only scheme, host and port matter here; the rest may hold {placeholders} filled in at run time.
        URI uri = URI.create(origin(url));
        int port = uri.getPort() != -1 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            throw new GateFailedException(field + ": " + uri.getHost() + ":" + port + " does not accept connections ("
                    + e.getMessage() + ")", "start the service or correct the URL in " + field);
        }
    }
}
