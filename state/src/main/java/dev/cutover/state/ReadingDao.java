package dev.cutover.state;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** The {@code readings} table. */
final class ReadingDao {

    void append(Handle h, LedgerReading r) {
        h.createUpdate("INSERT INTO readings (at, series, value, breached) VALUES (:at, :series, :value, :breached)")
                .bind("at", LedgerTime.text(r.at())).bind("series", r.series()).bind("value", r.value())
                .bind("breached", r.breached() ? 1 : 0).execute();
    }

    List<LedgerReading> list(Handle h) {
        return h.createQuery("SELECT at, series, value, breached FROM readings ORDER BY id")
                .map((rs, ctx) -> new LedgerReading(LedgerTime.parse(rs.getString("at")), rs.getString("series"),
                        rs.getLong("value"), rs.getInt("breached") != 0))
                .list();
    }
}
