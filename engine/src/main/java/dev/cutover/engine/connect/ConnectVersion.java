package dev.cutover.engine.connect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Apache Kafka version a Connect worker runs, as far as capabilities go (major.minor), read
 * from the {@code version} of {@code GET /}. Confluent Platform reports its own numbers with a
 * {@code -ccs}/{@code -ce} suffix (7.6.0-ccs is Apache Kafka 3.6), which are mapped back.
 *
 * @param raw what the worker reported, for messages
 */
public record ConnectVersion(int major, int minor, String raw) {

    private static final Pattern NUMBERS = Pattern.compile("^(\\d+)\\.(\\d+)");

    /** The version, or null when {@code version} is not of the form major.minor[...]. */
    public static ConnectVersion parse(String version) {
        if (version == null) {
            return null;
        }
        Matcher m = NUMBERS.matcher(version.strip());
        if (!m.find()) {
            return null;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (version.contains("-ccs") || version.contains("-ce")) {
            // Confluent Platform 7.x ships Apache Kafka 3.x and 8.x ships 4.x, minor for minor.
            major = major >= 7 ? major - 4 : 2;
        }
        return new ConnectVersion(major, minor, version);
    }

    public boolean atLeast(int wantedMajor, int wantedMinor) {
        return major > wantedMajor || (major == wantedMajor && minor >= wantedMinor);
    }
}
