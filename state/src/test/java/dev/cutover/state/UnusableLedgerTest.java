package dev.cutover.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cutover.state.LedgerUnusableException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A path that cannot be a ledger is refused before anything is written: the file keeps its bytes
 * and no -wal, -shm or -journal appears beside it.
 */
class UnusableLedgerTest {
    private static final String REMEDY = "pass --ledger with the ledger `cutover plan` wrote, or move the file aside";

    @TempDir
    Path dir;

    @Test
    void a_file_that_is_not_sqlite_is_not_a_ledger_and_stays_as_it_was() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.db"), "garbage\n");

        LedgerUnusableException e = refused(file);

        assertThat(e.reason()).isEqualTo(Reason.NOT_A_LEDGER);
        assertThat(e.getMessage()).isEqualTo(file + " is not a cutover ledger: it is not an SQLite database");
        assertThat(e.remedy()).isEqualTo(REMEDY);
        assertThat(file).hasContent("garbage\n");
        assertThat(filesIn(dir)).containsExactly("bad.db");
    }

    @Test
    void a_truncated_ledger_is_not_a_ledger_wherever_it_was_cut() throws Exception {
        Path full = dir.resolve("full/cutover.db");
        try (Ledger ledger = Ledger.open(full)) {
            for (int i = 0; i < 300; i++) {
                ledger.audit("test", "ok", "entry " + i + " ".repeat(200));
            }
        }
        byte[] bytes = Files.readAllBytes(full);
        // Inside the header, at page boundaries, half way, one page short, one byte short.
        for (int cut : List.of(50, 4096, 8192, bytes.length / 2, bytes.length - 4096, bytes.length - 1)) {
            Path file = Files.write(dir.resolve("cut-" + cut + ".db"), Arrays.copyOf(bytes, cut));

            LedgerUnusableException e = refused(file);

            assertThat(e.reason()).as("cut at %d", cut).isEqualTo(Reason.NOT_A_LEDGER);
            assertThat(e.getMessage()).as("cut at %d", cut).startsWith(file + " is not a cutover ledger: it is truncated");
            assertThat(Files.readAllBytes(file)).as("cut at %d", cut).isEqualTo(Arrays.copyOf(bytes, cut));
        }
        assertThat(filesIn(dir)).allMatch(name -> name.equals("full") || name.matches("cut-\\d+\\.db"));
    }

    @Test
    void another_programs_sqlite_database_is_not_a_ledger_and_is_not_migrated() throws Exception {
        Path file = dir.resolve("app.db");
        new RawLedgerFile(file).execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
        byte[] before = Files.readAllBytes(file);

        LedgerUnusableException e = refused(file);

        assertThat(e.reason()).isEqualTo(Reason.NOT_A_LEDGER);
        assertThat(e.getMessage()).isEqualTo(file + " is not a cutover ledger: it is an SQLite database without cutover's tables");
        assertThat(e.detail()).isEqualTo("tables: customers");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(new RawLedgerFile(file).text("PRAGMA journal_mode")).isEqualToIgnoringCase("delete");
        assertThat(filesIn(dir)).containsExactly("app.db");
    }

    @Test
    void a_ledger_from_a_newer_cutover_is_refused_and_left_untouched() throws Exception {
        Path file = dir.resolve("cutover.db");
        Ledger.open(file).close();
        new RawLedgerFile(file).execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', '2030-01-01T00:00:00Z')");
        byte[] before = Files.readAllBytes(file);
        Set<String> beside = Set.copyOf(filesIn(dir));

        LedgerUnusableException e = refused(file);

        assertThat(e.reason()).isEqualTo(Reason.NEWER_VERSION);
        assertThat(e.getMessage()).isEqualTo("ledger " + file + " was written by a newer cutover (schema version 99;"
                + " this cutover knows up to " + Migrations.latestVersion() + ")");
        assertThat(e.remedy()).startsWith("use a newer cutover");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Set.copyOf(filesIn(dir))).isEqualTo(beside);
    }

    @Test
    void a_directory_is_not_a_ledger_file() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("ledgers"));

        LedgerUnusableException e = refused(sub);

        assertThat(e.reason()).isEqualTo(Reason.UNUSABLE_PATH);
        assertThat(e.getMessage()).isEqualTo("ledger " + sub + " is a directory");
        assertThat(e.remedy()).isEqualTo("pass --ledger with the ledger file, e.g. --ledger " + sub.resolve("cutover.db"));
        assertThat(filesIn(sub)).isEmpty();
    }

    @Test
    void a_path_below_a_file_cannot_hold_a_ledger_and_nothing_is_created() throws Exception {
        Path notADir = Files.writeString(dir.resolve("notes.txt"), "x");
        Path file = notADir.resolve("sub/cutover.db");

        LedgerUnusableException e = refused(file);

        assertThat(e.reason()).isEqualTo(Reason.UNUSABLE_PATH);
        assertThat(e.getMessage()).isEqualTo("cannot create ledger " + file + ": " + notADir + " is a file, not a directory");
        assertThat(notADir).hasContent("x");
        assertThat(filesIn(dir)).containsExactly("notes.txt");
    }

    @Test
    void a_read_only_directory_cannot_hold_a_new_ledger() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes into read-only directories");
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        readOnly.toFile().setWritable(false);
        try {
            Path file = readOnly.resolve("cutover.db");

            LedgerUnusableException e = refused(file);

            assertThat(e.reason()).isEqualTo(Reason.UNUSABLE_PATH);
            assertThat(e.getMessage()).isEqualTo("cannot create ledger " + file + ": directory " + readOnly + " is read-only");
            assertThat(filesIn(readOnly)).isEmpty();
        } finally {
            readOnly.toFile().setWritable(true);
        }
    }

    @Test
    void check_refuses_as_open_does_and_creates_nothing_for_a_new_path() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.db"), "garbage\n");
        assertThat(catchThrowableOfType(LedgerUnusableException.class, () -> Ledger.check(file)).reason())
                .isEqualTo(Reason.NOT_A_LEDGER);

        Ledger.check(dir.resolve("new/cutover.db"));

        assertThat(filesIn(dir)).containsExactly("bad.db");
    }

    private static LedgerUnusableException refused(Path file) {
        LedgerUnusableException e = catchThrowableOfType(LedgerUnusableException.class, () -> Ledger.open(file).close());
        assertThat(e).as("opening %s should have been refused", file).isNotNull();
        return e;
    }

    private static List<String> filesIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
