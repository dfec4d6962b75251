package dev.cutover.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Applies the numbered scripts in {@code /db/migration} in order, each in its own BEGIN IMMEDIATE
 * transaction together with its row in {@code schema_migrations}, so two processes opening a new ledger
 * at once apply each script exactly once. A ledger written by a newer cutover is refused, not downgraded.
 */
final class Migrations {
    /** Every migration, in order. Resources cannot be listed from a jar, hence the explicit list. */
    static final List<Migration> ALL = List.of(new Migration(1, "ledger"), new Migration(2, "plan_facts"),
            new Migration(3, "offset_anchors"), new Migration(4, "reverse_mirror"), new Migration(5, "readings"));

    record Migration(int version, String name) {
        String resource() {
            return "/db/migration/V" + version + "__" + name + ".sql";
        }
    }

    private Migrations() {
    }

    /** The schema version this build migrates to. */
    static int latestVersion() {
        return ALL.get(ALL.size() - 1).version();
    }

    static void migrate(Jdbi jdbi, Path file, Clock clock) {
        jdbi.useHandle(h -> h.execute("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    INTEGER PRIMARY KEY,
                    name       TEXT NOT NULL,
                    applied_at TEXT NOT NULL
                )"""));
        // LedgerFile.check refused a newer ledger before this connection could change it; this catches
        // one that a newer cutover migrated since.
        int current = jdbi.withHandle(Migrations::currentVersion);
        if (current > latestVersion()) {
            throw LedgerFile.newer(file, current);
        }
        for (Migration migration : ALL) {
            jdbi.useTransaction(h -> {
                // Re-checked inside the write transaction: another process may have applied it meanwhile.
                if (currentVersion(h) < migration.version()) {
                    for (String statement : statements(script(migration))) {
                        h.execute(statement);
                    }
                    h.createUpdate("INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :at)")
                            .bind("v", migration.version()).bind("n", migration.name())
                            .bind("at", LedgerTime.text(clock.instant())).execute();
                }
            });
        }
    }

    static int currentVersion(Handle h) {
        return h.createQuery("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").mapTo(Integer.class).one();
    }

    /**
     * Splits a script into statements: a statement ends with a line ending in ';', a CREATE TRIGGER at its
     * line ending in 'END;' (Jdbi's script parser would cut a trigger body at its first ';').
     * Whole-line '--' comments are dropped; keep ';' out of trailing comments.
     */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            boolean trigger = current.toString().trim().toUpperCase().startsWith("CREATE TRIGGER");
            if (trigger ? trimmed.toUpperCase().endsWith("END;") : trimmed.endsWith(";")) {
                statements.add(current.toString().trim());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("migration script ends without ';': " + current);
        }
        return statements;
    }

    private static String script(Migration migration) {
        try (InputStream in = Migrations.class.getResourceAsStream(migration.resource())) {
            if (in == null) {
                throw new IllegalStateException("migration " + migration.resource() + " missing from the cutover jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + migration.resource(), e);
        }
    }
}
