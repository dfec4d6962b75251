package dev.cutover.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    @TempDir
    Path dir;

    @Test
    void a_new_file_is_created_migrated_and_in_wal_mode() {
        Path file = dir.resolve("sub/cutover.db");
        try (Ledger ledger = Ledger.open(file)) {
            assertThat(ledger.file()).isEqualTo(file);
        }
        assertThat(file).exists();
        RawLedgerFile raw = new RawLedgerFile(file);
        assertThat(raw.text("PRAGMA journal_mode")).isEqualToIgnoringCase("wal");
        assertThat(raw.ints("SELECT version FROM schema_migrations")).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void reopening_applies_nothing_twice_and_keeps_the_data() {
        Path file = dir.resolve("cutover.db");
        try (Ledger ledger = Ledger.open(file)) {
            ledger.audit("test", "ok", "first open");
        }
        for (int i = 0; i < 3; i++) {
            Ledger.open(file).close();
        }
        assertThat(new RawLedgerFile(file).ints("SELECT version FROM schema_migrations")).containsExactly(1, 2, 3, 4, 5);
        try (Ledger ledger = Ledger.open(file)) {
            assertThat(ledger.auditTrail()).extracting(AuditEntry::detail).containsExactly("first open");
        }
    }

    @Test
    void ledger_connections_run_with_wal_busy_timeout_foreign_keys_and_normal_sync() {
        try (Ledger ledger = Ledger.open(dir.resolve("cutover.db"))) {
            assertThat(ledger.pragma("journal_mode")).isEqualToIgnoringCase("wal");
            assertThat(ledger.pragma("busy_timeout")).isEqualTo("10000");
            assertThat(ledger.pragma("foreign_keys")).isEqualTo("1");
            assertThat(ledger.pragma("synchronous")).isEqualTo("1");   // NORMAL
        }
    }

    @Test
    void a_ledger_from_a_newer_cutover_is_refused() {
        Path file = dir.resolve("cutover.db");
        Ledger.open(file).close();
        new RawLedgerFile(file).execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', '2030-01-01T00:00:00Z')");
        assertThatThrownBy(() -> Ledger.open(file))
                .isInstanceOf(LedgerUnusableException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("schema version 99");
    }

    @Test
    void a_file_that_is_not_a_database_is_refused_naming_the_file() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "this is not a database, just some text that is long enough to have a header ".repeat(20));
        assertThatThrownBy(() -> Ledger.open(file))
                .isInstanceOf(LedgerUnusableException.class)
                .hasMessageContaining(file.toString());
    }
}
