package io.tatra.store;

import io.tatra.journal.BookRecord;
import io.tatra.market.OrderBookSnapshot;
import io.tatra.market.Symbol;
import org.duckdb.DuckDBAppender;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Order-book snapshots per symbol ({@code book_levels}: one row per level, side 0 = bids and 1 = asks, level 0 = best),
 * from live sessions' {@code books.jsonl} and imported book files. Writes are idempotent like candles: a snapshot
 * already stored with the same levels adds nothing, one with other levels is a conflict (kept unless replaced).
 */
public final class BookTable {
    static final String DDL = "CREATE TABLE IF NOT EXISTS book_levels (symbol VARCHAR NOT NULL, time TIMESTAMP NOT NULL, side TINYINT NOT NULL, "
            + "level SMALLINT NOT NULL, price DOUBLE NOT NULL, size DOUBLE NOT NULL, PRIMARY KEY (symbol, time, side, level))";

    /** What a write did: snapshots added, already stored alike, and stored with other levels (replaced or kept). */
    public record WriteResult(long added, long unchanged, long conflicting) {}

    /** One symbol's stored snapshots. */
    public record SeriesInfo(Symbol symbol, Instant first, Instant last, long snapshots) {}

    private final TatraStore store;

    BookTable(TatraStore store) { this.store = store; }

    /** Stores snapshots of any symbols; two for one symbol and time must be alike. {@code replace} overwrites conflicting stored ones. */
    public WriteResult write(List<BookRecord> records, boolean replace) {
        Map<String, TreeMap<Long, BookRecord>> bySymbol = new LinkedHashMap<>();
        for (BookRecord r : records) {
            BookRecord before = bySymbol.computeIfAbsent(r.symbol(), k -> new TreeMap<>()).put(r.time().toEpochMilli(), r);
            if (before != null && !before.sameAs(r)) throw new IllegalArgumentException("two different books for " + r.symbol() + " at " + r.time());
        }
        long added = 0, unchanged = 0, conflicting = 0;
        var conn = store.connection();
        try {
            for (var e : bySymbol.entrySet()) {
                Symbol s = Symbol.of(e.getKey());
                TreeMap<Long, BookRecord> in = e.getValue();
                Map<Long, BookRecord> stored = new TreeMap<>();
                for (BookRecord r : records(s, in.firstKey(), in.lastKey() + 1)) stored.put(r.time().toEpochMilli(), r);
                List<BookRecord> insert = new ArrayList<>();
                for (BookRecord r : in.values()) {
                    BookRecord old = stored.get(r.time().toEpochMilli());
                    if (old == null) {
                        added++;
                        insert.add(r);
                    } else if (old.sameAs(r)) {
                        unchanged++;
                    } else {
                        conflicting++;
                        if (replace) {
                            delete(s, r.time().toEpochMilli());
                            insert.add(r);
                        }
                    }
                }
                if (insert.isEmpty()) continue;
                try (Statement st = conn.createStatement()) {
                    st.execute("CREATE OR REPLACE TEMP TABLE book_staging (t BIGINT, side TINYINT, level SMALLINT, price DOUBLE, size DOUBLE)");
                    try (DuckDBAppender a = conn.createAppender("temp", "main", "book_staging")) {
                        for (BookRecord r : insert) {
                            long t = r.time().toEpochMilli();
                            for (int side = 0; side < 2; side++) {
                                List<double[]> levels = side == 0 ? r.bids() : r.asks();
                                for (int k = 0; k < levels.size(); k++)
                                    a.beginRow().append(t).append((byte) side).append((short) k).append(levels.get(k)[0]).append(levels.get(k)[1]).endRow();
                            }
                        }
                    }
                    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO book_levels SELECT ?, epoch_ms(t), side, level, price, size FROM book_staging")) {
                        ps.setString(1, s.value());
                        ps.executeUpdate();
                    }
                    st.execute("DROP TABLE book_staging");
                }
            }
            return new WriteResult(added, unchanged, conflicting);
        } catch (SQLException e) {
            throw TatraStore.failure("storing order books", e);
        }
    }

    private void delete(Symbol s, long time) throws SQLException {
        try (PreparedStatement ps = store.connection().prepareStatement("DELETE FROM book_levels WHERE symbol = ? AND time = epoch_ms(?)")) {
            ps.setString(1, s.value());
            ps.setLong(2, time);
            ps.executeUpdate();
        }
    }

    /** The stored snapshots of a symbol with time in [from, to) (ms), in time order. */
    private List<BookRecord> records(Symbol symbol, long from, long to) {
        String sql = "SELECT epoch_ms(time), side, price, size FROM book_levels WHERE symbol = ? AND time >= epoch_ms(?) AND time < epoch_ms(?) ORDER BY time, side, level";
        List<BookRecord> out = new ArrayList<>();
        try (PreparedStatement ps = store.connection().prepareStatement(sql)) {
            ps.setString(1, symbol.value());
            ps.setLong(2, from);
            ps.setLong(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                long t = Long.MIN_VALUE;
                List<double[]> bids = new ArrayList<>(), asks = new ArrayList<>();
                while (rs.next()) {
                    long time = rs.getLong(1);
                    if (time != t && t != Long.MIN_VALUE) {
                        out.add(new BookRecord(symbol.value(), Instant.ofEpochMilli(t), bids, asks));
                        bids = new ArrayList<>();
                        asks = new ArrayList<>();
                    }
                    t = time;
                    (rs.getInt(2) == 0 ? bids : asks).add(new double[]{rs.getDouble(3), rs.getDouble(4)});
                }
                if (t != Long.MIN_VALUE) out.add(new BookRecord(symbol.value(), Instant.ofEpochMilli(t), bids, asks));
            }
            return out;
        } catch (SQLException e) {
            throw TatraStore.failure("reading order books of " + symbol, e);
        }
    }

    /** The most levels (both sides, all snapshots) one read holds in memory: a year of 50-level books on 1-minute bars is 50 million. */
    public static final long MAX_LEVELS_READ = 20_000_000;

    /** A symbol's snapshots in [from, to) (null bounds are open), in time order; at most {@link #MAX_LEVELS_READ} levels. */
    public List<OrderBookSnapshot> read(Symbol symbol, Instant from, Instant to) { return read(symbol, from, to, MAX_LEVELS_READ); }

    /** The same with another cap on the levels read; more is refused with the count and what to do. */
    public List<OrderBookSnapshot> read(Symbol symbol, Instant from, Instant to, long maxLevels) {
        long lo = from == null ? Long.MIN_VALUE / 1_000_000 : from.toEpochMilli(), hi = to == null ? Long.MAX_VALUE / 1_000_000 : to.toEpochMilli();
        long levels = count(symbol, lo, hi);
        if (levels > maxLevels)
            throw new io.tatra.TatraException("the store holds " + levels + " order-book levels of " + symbol + " in the period, more than the " + maxLevels
                    + " one run reads into memory; shorten the period (--from / --to)");
        List<OrderBookSnapshot> out = new ArrayList<>();
        for (BookRecord r : records(symbol, lo, hi)) out.add(r.snapshot());
        return out;
    }

    private long count(Symbol symbol, long from, long to) {
        try (PreparedStatement ps = store.connection().prepareStatement("SELECT count(*) FROM book_levels WHERE symbol = ? AND time >= epoch_ms(?) AND time < epoch_ms(?)")) {
            ps.setString(1, symbol.value());
            ps.setLong(2, from);
            ps.setLong(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw TatraStore.failure("counting order books of " + symbol, e);
        }
    }

    public List<SeriesInfo> list() {
        String sql = "SELECT symbol, epoch_ms(min(time)), epoch_ms(max(time)), count(DISTINCT time) FROM book_levels GROUP BY 1 ORDER BY 1";
        List<SeriesInfo> out = new ArrayList<>();
        try (Statement st = store.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(new SeriesInfo(Symbol.of(rs.getString(1)), Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3)), rs.getLong(4)));
            return out;
        } catch (SQLException e) {
            throw TatraStore.failure("listing order books", e);
        }
    }
}
