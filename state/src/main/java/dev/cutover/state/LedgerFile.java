package dev.cutover.state;

import dev.cutover.state.LedgerUnusableException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What is at a ledger path, looked at before anything is written there: {@link Ledger#open} turns
 * an SQLite file into a ledger by migrating it, so it must first know the file is one (or nothing
 * yet), that this cutover knows its schema, and that the place can be written.
 *
 * <p>The look reads only. The SQLite connection it uses sets no journal mode (switching to WAL
 * rewrites the header) and runs only queries; a truncated file is confirmed with {@code quick_check}
 * only when its header says it is shorter than it is, so a sound ledger is not read whole on every
 * open.
 */
final class LedgerFile {

    private static final String NOT_A_LEDGER_REMEDY = "pass --ledger with the ledger `cutover plan` wrote, or move the file aside";

    private LedgerFile() {
    }

    /** @throws LedgerUnusableException when {@link Ledger#open} must not touch the path */
    static void check(Path file) {
        Path absolute = file.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw unusablePath(file, "ledger " + file + " is a directory",
                    "pass --ledger with the ledger file, e.g. --ledger " + file.resolve("cutover.db"), null);
        }
        if (!Files.exists(absolute)) {
            checkCreatable(file, absolute);
            return;
        }
        if (!Files.isRegularFile(absolute)) {
            throw unusablePath(file, "ledger " + file + " is not a regular file",
                    "pass --ledger with the ledger file `cutover plan` wrote, or a new path", null);
        }
        Path dir = absolute.getParent();
        if (!Files.isWritable(absolute) || dir != null && !Files.isWritable(dir)) {
            throw unusablePath(file, "ledger " + file + " cannot be written"
                            + (Files.isWritable(absolute) ? " (its directory " + dir + " is read-only)" : " (the file is read-only)"),
                    "make the ledger and its directory writable for the user running cutover (SQLite keeps "
                            + file.getFileName() + "-wal and -shm beside it)", null);
        }
        long size;
        byte[] header;
        try (InputStream in = Files.newInputStream(absolute)) {
            size = Files.size(absolute);
            header = in.readNBytes(100);
        } catch (AccessDeniedException e) {
            throw unusablePath(file, "ledger " + file + " cannot be read (the file is not readable)",
                    "make the ledger and its directory readable and writable for the user running cutover", e);
        } catch (IOException e) {
            throw new LedgerException("cannot read ledger " + file + ": " + e.getMessage(), e);
        }
        if (size == 0) {
            // New, or its content is still all in its -wal: SQLite reads it from there.
            return;
        }
        if (isSqlite(header)) {
            int pageSize = pageSize(header);
            if (pageSize > 0 && size % pageSize != 0) {
                // SQLite writes whole pages: a part of one is a copy cut short.
                throw notALedger(file, "it is truncated", size + " bytes is not a whole number of its "
                        + pageSize + "-byte pages", null);
            }
        }
        probe(file, absolute, isSqlite(header) && shorterThanItsHeaderSays(header, size));
    }

    /** The nearest existing ancestor must be a directory this process can write. */
    private static void checkCreatable(Path file, Path absolute) {
        Path existing = absolute.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw unusablePath(file, "cannot create ledger " + file + ": " + existing + " is a file, not a directory",
                    "pass --ledger with a path in a directory, e.g. --ledger cutover.db", null);
        }
        if (!Files.isWritable(existing)) {
            throw unusablePath(file, "cannot create ledger " + file + ": directory " + existing + " is read-only",
                    "pass --ledger with a path in a directory you can write, or make " + existing + " writable", null);
        }
    }

    private static void probe(Path file, Path absolute, boolean truncated) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(10_000);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + absolute)) {
            List<String> tables = strings(connection,
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
            if (truncated) {
                List<String> check = strings(connection, "PRAGMA quick_check");
                if (!check.equals(List.of("ok"))) {
                    throw notALedger(file, "it is truncated or damaged", String.join("\n", check), null);
                }
            }
            if (tables.isEmpty()) {
                return;
            }
            if (!tables.contains("schema_migrations")) {
                throw notALedger(file, "it is an SQLite database without cutover's tables", "tables: "
                        + String.join(", ", tables.subList(0, Math.min(tables.size(), 10)))
                        + (tables.size() > 10 ? ", ..." : ""), null);
            }
            int version = Integer.parseInt(strings(connection,
                    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").get(0));
            if (version > Migrations.latestVersion()) {
                throw newer(file, version);
            }
        } catch (SQLException e) {
            throw openFailure(file, e);
        }
    }

    /**
     * What SQLite's refusal to open or migrate the file means for the user; a
     * {@link LedgerException} when it is none of the known cases.
     */
    static RuntimeException openFailure(Path file, Throwable e) {
        SQLiteException sqlite = sqliteCause(e);
        SQLiteErrorCode code = sqlite == null ? null : sqlite.getResultCode();
        String said = sqlite == null ? String.valueOf(e.getMessage()) : "SQLite: " + sqlite.getMessage();
        if (code == SQLiteErrorCode.SQLITE_NOTADB) {
            return notALedger(file, "it is not an SQLite database", said, e);
        }
        if (code == SQLiteErrorCode.SQLITE_CORRUPT) {
            return notALedger(file, "it is truncated or damaged", said, e);
        }
        if (code == SQLiteErrorCode.SQLITE_CANTOPEN || code == SQLiteErrorCode.SQLITE_READONLY) {
            return unusablePath(file, "ledger " + file + " cannot be opened for writing",
                    "make the ledger and its directory writable for the user running cutover, or pass --ledger with another path", e);
        }
        return new LedgerException("cannot open ledger " + file + ": " + said, e);
    }

    static LedgerUnusableException newer(Path file, int version) {
        return new LedgerUnusableException(Reason.NEWER_VERSION, file, "ledger " + file + " was written by a newer cutover"
                + " (schema version " + version + "; this cutover knows up to " + Migrations.latestVersion() + ")",
                null, "use a newer cutover; this one leaves the ledger as it is", null);
    }

    static LedgerUnusableException cannotCreateDirectory(Path file, IOException e) {
        return unusablePath(file, "cannot create the directory of ledger " + file + " (" + e.getClass().getSimpleName()
                + ": " + e.getMessage() + ")", "pass --ledger with a path in a directory you can write", e);
    }

    private static boolean isSqlite(byte[] header) {
        return header.length == 100 && new String(header, 0, 16, StandardCharsets.US_ASCII).equals("SQLite format 3\0");
    }

    private static int pageSize(byte[] header) {
        return u16(header, 16) == 1 ? 65_536 : u16(header, 16);
    }

    /**
     * True when the header counts more pages than the file holds. Only a hint: a checkpoint may have
     * written the header and not yet the pages after it, so SQLite's quick_check decides.
     */
    private static boolean shorterThanItsHeaderSays(byte[] header, long size) {
        long pages = u32(header, 28);
        // The page count is only kept up to date when "version-valid-for" equals the change counter.
        return pages > 0 && u32(header, 92) == u32(header, 24) && size < pages * pageSize(header);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    private static long u32(byte[] b, int at) {
        return (long) (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                out.add(rows.getString(1));
            }
        }
        return out;
    }

    private static SQLiteException sqliteCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                return sqlite;
            }
        }
        return null;
    }

    private static LedgerUnusableException notALedger(Path file, String why, String detail, Throwable cause) {
        return new LedgerUnusableException(Reason.NOT_A_LEDGER, file, file + " is not a cutover ledger: " + why,
                detail, NOT_A_LEDGER_REMEDY, cause);
    }

    private static LedgerUnusableException unusablePath(Path file, String summary, String remedy, Throwable cause) {
        return new LedgerUnusableException(Reason.UNUSABLE_PATH, file, summary, null, remedy, cause);
    }
}
