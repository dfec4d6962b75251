package dev.cutover.cli;

import dev.cutover.engine.CutoverException;
import dev.cutover.engine.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The bundled example plan that {@code rehearse --sandbox} runs when given none. */
final class SandboxPlanText {

    static final String RESOURCE = "/examples/sandbox.yaml";

    private SandboxPlanText() {
    }

    static String example() {
        try (InputStream in = SandboxPlanText.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new CutoverException(ExitCode.FAILED, "the bundled example plan " + RESOURCE + " is missing", null,
                        "rebuild cutover: mvn install");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CutoverException(ExitCode.FAILED, "could not read the bundled example plan: " + e.getMessage(), null, null, e);
        }
    }
}
