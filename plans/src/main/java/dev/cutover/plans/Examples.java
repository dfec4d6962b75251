package dev.cutover.plans;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The example plans shipped in the jar (from the module's {@code examples/} folder). */
public final class Examples {

    /** Classpath resource of the plan {@code rehearse --sandbox} runs by default. */
    public static final String SANDBOX_RESOURCE = "examples/sandbox.yaml";

    private Examples() {
    }

    public static String sandboxText() {
        try (InputStream in = Examples.class.getClassLoader().getResourceAsStream(SANDBOX_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SANDBOX_RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + SANDBOX_RESOURCE, e);
        }
    }

    /** The sandbox example, parsed; it is valid by construction (a test holds it to that). */
    public static Plan sandbox() {
        try {
            return PlanParser.parse(sandboxText(), SANDBOX_RESOURCE);
        } catch (InvalidPlanException e) {
            throw new IllegalStateException("the shipped sandbox example is invalid:\n" + e.getMessage(), e);
        }
    }
}
