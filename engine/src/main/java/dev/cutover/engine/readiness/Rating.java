package dev.cutover.engine.readiness;

import java.util.Locale;

/** A scorecard row's verdict: proved by a rehearsal on this plan, configured but never exercised, or no proof at all (or a failed one). */
public enum Rating {
    GREEN, YELLOW, RED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
