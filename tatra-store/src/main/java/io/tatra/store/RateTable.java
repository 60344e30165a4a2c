package io.tatra.store;

import io.tatra.market.FundingRate;
import io.tatra.market.OpenInterest;
import io.tatra.market.Symbol;
import org.duckdb.DuckDBAppender;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A per-symbol time series of one number: funding rates ({@code funding}: the rate settled at each time) and open
 * interest ({@code open_interest}: base units at each time). Writes are idempotent like candles: a point already
 * stored with the same value adds nothing, one with a different value is a conflict (kept unless replaced).
 */
public final class RateTable {
    /** Which series. */
    public enum Kind {
        FUNDING("funding", "rate"), OPEN_INTEREST("open_interest", "value");

        final String table, column;

        Kind(String table, String column) {
            this.table = table;
            this.column = column;
        }

        String ddl() {
            return "CREATE TABLE IF NOT EXISTS " + table + " (symbol VARCHAR NOT NULL, time TIMESTAMP NOT NULL, " + column + " DOUBLE NOT NULL, PRIMARY KEY (symbol, time))";
        }
    }

    /** What a write did: points added, already stored alike, and stored with another value. */
    public record WriteResult(long added, long unchanged, long conflicting) {}

    /** One symbol's stored range. */
    public record SeriesInfo(Symbol symbol, Instant first, Instant last, long rows) {}

    private final TatraStore store;
    private final Kind kind;

    RateTable(TatraStore store, Kind kind) {
        this.store = store;
        this.kind = kind;
    }

    public Kind kind() { return kind; }

    /** Stores points of one symbol (times in ms, values); {@code replace} overwrites conflicting ones. */
    public WriteResult write(Symbol symbol, long[] times, double[] values, boolean replace) {
        if (times.length != values.length) throw new IllegalArgumentException("times and values differ in length");
        for (int i = 0; i < values.length; i++)
            if (!Double.isFinite(values[i])) throw new IllegalArgumentException(kind.table + " " + symbol + " at " + Instant.ofEpochMilli(times[i]) + " is not a finite number");
        var conn = store.connection();
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP TABLE rate_staging (t BIGINT, v DOUBLE)");
            try (DuckDBAppender a = conn.createAppender("temp", "main", "rate_staging")) {
                for (int i = 0; i < times.length; i++) a.beginRow().append(times[i]).append(values[i]).endRow();
            }
            long existing, conflicting;
            try (PreparedStatement ps = conn.prepareStatement("SELECT count(*), count(*) FILTER (WHERE r." + kind.column + " <> s.v) FROM (SELECT DISTINCT t, v FROM rate_staging) s JOIN "
                    + kind.table + " r ON r.symbol = ? AND r.time = epoch_ms(s.t)")) {
                ps.setString(1, symbol.value());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    existing = rs.getLong(1);
                    conflicting = rs.getLong(2);
                }
            }
            long distinct;
            try (ResultSet rs = st.executeQuery("SELECT count(DISTINCT t) FROM rate_staging")) {
                rs.next();
                distinct = rs.getLong(1);
            }
            if (distinct != times.length) throw new IllegalArgumentException(kind.table + " " + symbol + ": " + (times.length - distinct) + " points share a time with another");
            try (PreparedStatement ps = conn.prepareStatement("INSERT OR " + (replace ? "REPLACE" : "IGNORE") + " INTO " + kind.table
                    + " SELECT ?, epoch_ms(t), v FROM rate_staging")) {
                ps.setString(1, symbol.value());
                ps.executeUpdate();
            }
            st.execute("DROP TABLE rate_staging");
            return new WriteResult(times.length - existing, existing - conflicting, conflicting);
        } catch (SQLException e) {
            throw TatraStore.failure("storing " + kind.table + " of " + symbol, e);
        }
    }

    public WriteResult writeFunding(Symbol symbol, List<FundingRate> rates, boolean replace) {
        long[] t = new long[rates.size()];
        double[] v = new double[rates.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = rates.get(i).time().toEpochMilli();
            v[i] = rates.get(i).rate();
        }
        return write(symbol, t, v, replace);
    }

    public WriteResult writeOpenInterest(Symbol symbol, List<OpenInterest> points, boolean replace) {
        long[] t = new long[points.size()];
        double[] v = new double[points.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = points.get(i).time().toEpochMilli();
            v[i] = points.get(i).value();
        }
        return write(symbol, t, v, replace);
    }

    private interface Row<T> {
        T of(long time, double value);
    }

    private <T> List<T> read(Symbol symbol, Instant from, Instant to, Row<T> row) {
        String sql = "SELECT epoch_ms(time), " + kind.column + " FROM " + kind.table + " WHERE symbol = ? AND time >= epoch_ms(?) AND time < epoch_ms(?) ORDER BY time";
        try (PreparedStatement ps = store.connection().prepareStatement(sql)) {
            ps.setString(1, symbol.value());
            ps.setLong(2, from == null ? Long.MIN_VALUE / 1_000_000 : from.toEpochMilli());
            ps.setLong(3, to == null ? Long.MAX_VALUE / 1_000_000 : to.toEpochMilli());
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(row.of(rs.getLong(1), rs.getDouble(2)));
            }
            return out;
        } catch (SQLException e) {
            throw TatraStore.failure("reading " + kind.table + " of " + symbol, e);
        }
    }

    /** Funding settlements in [from, to) (null bounds are open), in time order. */
    public List<FundingRate> funding(Symbol symbol, Instant from, Instant to) {
        if (kind != Kind.FUNDING) throw new IllegalStateException("not the funding table");
        return read(symbol, from, to, (t, v) -> new FundingRate(symbol, Instant.ofEpochMilli(t), v));
    }

    /** Open interest points in [from, to), in time order. */
    public List<OpenInterest> openInterest(Symbol symbol, Instant from, Instant to) {
        if (kind != Kind.OPEN_INTEREST) throw new IllegalStateException("not the open interest table");
        return read(symbol, from, to, (t, v) -> new OpenInterest(symbol, Instant.ofEpochMilli(t), v));
    }

    public List<SeriesInfo> list() {
        String sql = "SELECT symbol, epoch_ms(min(time)), epoch_ms(max(time)), count(*) FROM " + kind.table + " GROUP BY 1 ORDER BY 1";
        List<SeriesInfo> out = new ArrayList<>();
        try (Statement st = store.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(new SeriesInfo(Symbol.of(rs.getString(1)), Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3)), rs.getLong(4)));
            return out;
        } catch (SQLException e) {
            throw TatraStore.failure("listing " + kind.table, e);
        }
    }
}
