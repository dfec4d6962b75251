package dev.cutover.cli.rehearse;

/** One thing a rehearsal proved, or failed to. */
public record RehearsalCheck(String name, boolean passed, String detail) {
}
