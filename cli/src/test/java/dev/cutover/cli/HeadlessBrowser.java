package dev.cutover.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, as a reader of the report page: the DOM it rendered and a screenshot.
 * {@code .ci/run} installs it where missing and sets {@code CUTOVER_REQUIRE_BROWSER=1}, so there a
 * missing browser fails the test instead of skipping its browser part.
 */
final class HeadlessBrowser {

    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");

    private HeadlessBrowser() {
    }

    static Optional<Path> find() {
        Optional<Path> found = CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
        if (found.isEmpty() && "1".equals(System.getenv("CUTOVER_REQUIRE_BROWSER"))) {
            throw new AssertionError("no Chromium at " + CANDIDATES + " although CUTOVER_REQUIRE_BROWSER=1 (.ci/run installs it)");
        }
        return found;
    }

    /** The document as the browser has it after loading the page. */
    static String dumpDom(Path browser, Path page) throws IOException, InterruptedException {
        return run(browser, "--dump-dom", page.toUri().toString());
    }

    /** A PNG of the page as rendered in a 1200 x 2400 window. */
    static Path screenshot(Path browser, Path page, Path png) throws IOException, InterruptedException {
        run(browser, "--window-size=1200,2400", "--screenshot=" + png, page.toUri().toString());
        return png;
    }

    private static String run(Path browser, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + Files.createTempDirectory("cutover-chromium")));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 60 s: " + command);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("Chromium exited " + p.exitValue() + ": " + command);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
