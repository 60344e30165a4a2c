package io.tatra.store;

import io.tatra.TatraException;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import org.duckdb.DuckDBAppender;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Candles keyed by (symbol, interval, open time). Writing the same bars again adds nothing; bars whose
 * key is stored with other values are counted and, unless {@code replace}, the stored ones are kept.
 */
public final class CandleTable {
    /** What a write did: new rows, rows already stored identically, rows that differed (kept or replaced). */
    public record WriteResult(long added, long unchanged, long conflicting, boolean replaced) {}

    /** One (symbol, interval) the store holds, with its missing bars between first and last. */
    public record SeriesInfo(Symbol symbol, Interval interval, Instant first, Instant last, long rows, long missing) {}

    /** Export file types, from the file name. */
    public enum ExportFormat {
        CSV, PARQUET;

        public static ExportFormat of(Path out) {
            String n = out.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".csv")) return CSV;
            if (n.endsWith(".parquet")) return PARQUET;
            throw new TatraException(out + ": unknown export type; name the file .csv or .parquet");
        }
    }

    private final TatraStore store;

    CandleTable(TatraStore store) { this.store = store; }

    public WriteResult write(BarSeries s, boolean replace) {
        var conn = store.connection();
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP TABLE staging (t BIGINT, o DOUBLE, h DOUBLE, l DOUBLE, c DOUBLE, v DOUBLE, qv DOUBLE, n BIGINT)");
            try (DuckDBAppender a = conn.createAppender("temp", "main", "staging")) {
                long[] t = s.openTimeArray(), tc = s.tradeCountArray();
                double[] o = s.openArray(), h = s.highArray(), l = s.lowArray(), c = s.closeArray(), v = s.volumeArray(), qv = s.quoteVolumeArray();
                for (int i = 0; i < s.size(); i++) {
                    a.beginRow().append(t[i]).append(o[i]).append(h[i]).append(l[i]).append(c[i]).append(v[i]);
                    if (Double.isNaN(qv[i])) a.appendNull(); else a.append(qv[i]);
                    if (tc[i] < 0) a.appendNull(); else a.append(tc[i]);
                    a.endRow();
                }
            }
            String key = "c.symbol = ? AND c.interval = ? AND c.open_time = epoch_ms(s.t)";
            long existing, conflicting;
            try (PreparedStatement ps = conn.prepareStatement("SELECT count(*), count(*) FILTER (WHERE NOT (c.open = s.o AND c.high = s.h AND c.low = s.l "
                    + "AND c.close = s.c AND c.volume = s.v AND c.quote_volume IS NOT DISTINCT FROM s.qv AND c.trades IS NOT DISTINCT FROM s.n)) "
                    + "FROM staging s JOIN candles c ON " + key)) {
                ps.setString(1, s.symbol().value());
                ps.setString(2, s.interval().code());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    existing = rs.getLong(1);
                    conflicting = rs.getLong(2);
                }
            }
            try (PreparedStatement ps = conn.prepareStatement("INSERT OR " + (replace ? "REPLACE" : "IGNORE")
                    + " INTO candles SELECT ?, ?, epoch_ms(t), o, h, l, c, v, qv, n FROM staging")) {
                ps.setString(1, s.symbol().value());
                ps.setString(2, s.interval().code());
                ps.executeUpdate();
            }
            st.execute("DROP TABLE staging");
            return new WriteResult(s.size() - existing, existing - conflicting, conflicting, replace && conflicting > 0);
        } catch (SQLException e) {
            throw TatraStore.failure("storing " + s.symbol() + " " + s.interval(), e);
        }
    }

    /** Bars with open time in [from, to); null bounds are open. */
    public BarSeries read(Symbol symbol, Interval interval, Instant from, Instant to) {
        String sql = "SELECT epoch_ms(open_time), open, high, low, close, volume, quote_volume, trades FROM candles "
                + "WHERE symbol = ? AND interval = ? AND open_time >= epoch_ms(?) AND open_time < epoch_ms(?) ORDER BY open_time";
        try (PreparedStatement ps = store.connection().prepareStatement(sql)) {
            bind(ps, symbol, interval, from, to);
            BarSeries.Builder b = BarSeries.builder(symbol, interval);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double qv = rs.getDouble(7);
                    if (rs.wasNull()) qv = Double.NaN;
                    long n = rs.getLong(8);
                    if (rs.wasNull()) n = -1;
                    b.add(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), qv, n);
                }
            }
            return b.build();
        } catch (SQLException e) {
            throw TatraStore.failure("reading " + symbol + " " + interval, e);
        }
    }

    public List<SeriesInfo> list() {
        String sql = "SELECT symbol, interval, epoch_ms(min(open_time)), epoch_ms(max(open_time)), count(*) FROM candles GROUP BY 1, 2 ORDER BY 1, 2";
        List<SeriesInfo> out = new ArrayList<>();
        try (Statement st = store.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                Interval i = Interval.parse(rs.getString(2));
                long first = rs.getLong(3), last = rs.getLong(4), rows = rs.getLong(5);
                out.add(new SeriesInfo(Symbol.of(rs.getString(1)), i, Instant.ofEpochMilli(first), Instant.ofEpochMilli(last), rows,
                        (last - first) / i.millis() + 1 - rows));
            }
            return out;
        } catch (SQLException e) {
            throw TatraStore.failure("listing the store", e);
        }
    }

    /** Writes bars in [from, to) to a CSV or Parquet file; returns the row count. Refuses an empty selection. */
    public long export(Symbol symbol, Interval interval, Instant from, Instant to, Path out) {
        ExportFormat f = ExportFormat.of(out);
        String select = "SELECT symbol, interval, strftime(open_time, '%Y-%m-%dT%H:%M:%SZ') AS open_time, open, high, low, close, volume, quote_volume, trades "
                + "FROM candles WHERE symbol = ? AND interval = ? AND open_time >= epoch_ms(?) AND open_time < epoch_ms(?) ORDER BY candles.open_time";
        if (f == ExportFormat.PARQUET) select = select.replace("strftime(open_time, '%Y-%m-%dT%H:%M:%SZ') AS open_time", "open_time");
        long rows;
        try (PreparedStatement ps = store.connection().prepareStatement("SELECT count(*) FROM candles WHERE symbol = ? AND interval = ? AND open_time >= epoch_ms(?) AND open_time < epoch_ms(?)")) {
            bind(ps, symbol, interval, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                rows = rs.getLong(1);
            }
        } catch (SQLException e) {
            throw TatraStore.failure("counting " + symbol + " " + interval, e);
        }
        if (rows == 0) throw new TatraException("nothing to export: the store has no " + symbol + " " + interval + " bars in the range; see `tatra data list`");
        // written to a temporary sibling and renamed into place: an export appears whole or not at all
        java.nio.file.Path abs = out.toAbsolutePath().normalize();
        java.nio.file.Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "." + (f == ExportFormat.PARQUET ? "parquet" : "csv"));
        String target = tmp.toString().replace("'", "''");
        String options = f == ExportFormat.PARQUET ? "(FORMAT PARQUET)" : "(FORMAT CSV, HEADER)";
        try (PreparedStatement ps = store.connection().prepareStatement("COPY (" + select + ") TO '" + target + "' " + options)) {
            bind(ps, symbol, interval, from, to);
            ps.execute();
            java.nio.file.Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return rows;
        } catch (SQLException e) {
            io.tatra.AtomicWrite.deleteQuietly(tmp);
            throw TatraStore.failure("exporting to " + out, e);
        } catch (java.io.IOException e) {
            io.tatra.AtomicWrite.deleteQuietly(tmp);
            throw new TatraException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, Symbol symbol, Interval interval, Instant from, Instant to) throws SQLException {
        ps.setString(1, symbol.value());
        ps.setString(2, interval.code());
        ps.setLong(3, from == null ? Long.MIN_VALUE / 1_000_000 : from.toEpochMilli());
        ps.setLong(4, to == null ? Long.MAX_VALUE / 1_000_000 : to.toEpochMilli());
    }
}
