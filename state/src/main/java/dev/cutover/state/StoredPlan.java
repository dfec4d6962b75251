package dev.cutover.state;

import java.time.Instant;

/**
 * The compiled plan as the ledger keeps it: {@code text} is what {@code cutover plan} printed/stored,
 * {@code fingerprint} identifies it (a different fingerprint means a different plan).
 * {@code storedAt} may be null when storing; the ledger then stamps it with its clock.
 */
public record StoredPlan(String name, String fingerprint, String sourceFile, String text, Instant storedAt) {}
