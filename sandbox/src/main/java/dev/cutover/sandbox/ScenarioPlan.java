package dev.cutover.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a minimal plan file (contract section 3) for a test scenario on a {@link Sandbox}: the
 * topics matching {@code <prefix>\.sfdc\.cdc\..*}, the groups {@code <prefix>-.*}, the embedded
 * mirror, and in-sync at zero lag. Plain YAML text, so the sandbox needs no plan model.
 */
public final class ScenarioPlan {

    private ScenarioPlan() {
    }

    /**
     * @param sourceExtra YAML lines placed under {@code clusters.source}, indented by four spaces
     *                    (e.g. a {@code properties:} block), or empty
     */
    public static Path write(Path dir, String prefix, Sandbox sandbox, String sourceExtra) {
        return write(dir, prefix, sandbox, sourceExtra, "");
    }

    /**
     * @param topLevelExtra YAML appended at the top level (e.g. a {@code producers:} list); its
     *                      {@code gates:} block, if any, replaces the default one
     */
    public static Path write(Path dir, String prefix, Sandbox sandbox, String sourceExtra, String topLevelExtra) {
        String gates = topLevelExtra.contains("gates:") ? "" : """
                gates:
                  in-sync: {max-lag: 0, timeout: 90s}
                """;
        String yaml = """
                version: 1
                name: %1$s
                clusters:
                  source:
                    bootstrap: %2$s
                %3$s
                  target:
                    bootstrap: %4$s
                topics:
                  include: ["%1$s\\\\.sfdc\\\\.cdc\\\\..*"]
                  configs: sync
                groups:
                  include: ["%1$s-.*"]
                mirror:
                  engine: embedded
                """.formatted(prefix, sandbox.source().bootstrapServers(), sourceExtra.stripTrailing(),
                sandbox.target().bootstrapServers()) + gates + topLevelExtra;
        Path file = dir.resolve(prefix + ".yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * The {@code producers:} and {@code consumers:} blocks for one simulated producer and one demo
     * consumer group, each moved through its HTTP control, to pass as (part of) {@code topLevelExtra}.
     */
    public static String httpProducerAndGroup(String topic, SimulatedProducer producer, String group,
                                              ConsumerHttpControl control) {
        return """
                producers:
                  - name: %5$s
                    topics: [%1$s]
                    replay-header: sfdc.replayId
                    control:
                      type: http
                      stop: %2$s/stop
                      start: "%2$s/start?bootstrap={target.bootstrap}&replayId={replayId}"
                consumers:
                  - group: %4$s
                    control:
                      type: http
                      stop: %3$s/stop
                      start: "%3$s/start?bootstrap={target.bootstrap}"
                """.formatted(topic, producer.url(), control.uri(), group, producer.bridge().name());
    }
}
