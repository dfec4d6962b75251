package dev.cutover.state;

import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** For testing: the ledger file read and written with plain SQL, as another process (or a crash) would leave it. */
final class RawLedgerFile {
    private final Jdbi jdbi;

    RawLedgerFile(Path file) {
        this.jdbi = Jdbi.create("jdbc:sqlite:" + file);
    }

    String text(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    List<Integer> ints(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).list());
    }

    void execute(String sql, Object... args) {
        jdbi.useHandle(h -> h.execute(sql, args));
    }
}
