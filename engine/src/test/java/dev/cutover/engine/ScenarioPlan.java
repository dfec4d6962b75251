package dev.cutover.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes plan files for test scenarios against sandbox clusters. */
final class ScenarioPlan {

    private ScenarioPlan() {
    }

    /**
     * A plan selecting topics matching {@code includeRegex} (YAML-quoted as given), with the
     * given extra YAML appended at the top level (e.g. a gates: block).
     */
    static Path write(Path dir, String name, String sourceBootstrap, String targetBootstrap, String includeRegex,
                      String extraYaml) {
        String yaml = """
                version: 1
                name: %s
                clusters:
                  source:
                    bootstrap: %s
                  target:
                    bootstrap: %s
                topics:
                  include: ["%s"]
                  configs: sync
                groups:
                  include: ["%s-.*"]
                mirror:
                  engine: embedded
                gates:
                  in-sync: {max-lag: 0, timeout: 90s}
                %s
                """.formatted(name, sourceBootstrap, targetBootstrap, includeRegex, name, extraYaml);
        Path file = dir.resolve(name + ".yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
