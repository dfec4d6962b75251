package dev.cutover.plans;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks {@code bootstrap}: {@code host:port[,host:port]}, the form Kafka clients accept. */
final class BootstrapAddress {

    // A host name, an IPv4 address, or an IPv6 address in brackets; then a port.
    private static final Pattern ENTRY = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9_.-]+):(\\d{1,5})");

    private BootstrapAddress() {
    }

    /** What is wrong with the address list, or empty when it is well-formed. */
    static Optional<String> problem(String bootstrap) {
        if (bootstrap.isBlank()) {
            return Optional.of("is empty");
        }
        for (String raw : bootstrap.split(",", -1)) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                return Optional.of("\"" + bootstrap + "\" has an empty entry between commas");
            }
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) {
                return Optional.of(entry.contains(":")
                        ? "\"" + entry + "\" is not host:port"
                        : "\"" + entry + "\" has no port (expected host:port)");
            }
            int port = Integer.parseInt(m.group(2));
            if (port < 1 || port > 65535) {
                return Optional.of("\"" + entry + "\" has port " + port + ", outside 1-65535");
            }
        }
        return Optional.empty();
    }
}
