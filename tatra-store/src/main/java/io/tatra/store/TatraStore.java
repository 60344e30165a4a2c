package io.tatra.store;

import io.tatra.TatraException;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The embedded DuckDB store at {@code HOME/tatra.duckdb}: candles keyed by (symbol, interval, open
 * time), funding rates and open interest keyed by (symbol, time), and the three trading logs. One process writes at a time; a second gets a clear message.
 */
public final class TatraStore implements AutoCloseable {
    public static final String FILE_NAME = "tatra.duckdb";
    private final Path file;
    private final DuckDBConnection conn;
    private final CandleTable candles;
    private final JournalTable journals;
    private final RateTable funding, openInterest;
    private final BookTable books;

    private TatraStore(Path file, DuckDBConnection conn) {
        this.file = file;
        this.conn = conn;
        this.candles = new CandleTable(this);
        this.journals = new JournalTable(this);
        this.funding = new RateTable(this, RateTable.Kind.FUNDING);
        this.openInterest = new RateTable(this, RateTable.Kind.OPEN_INTEREST);
        this.books = new BookTable(this);
    }

    /**
     * Opens the store of a home that must already hold one, read-only (list, export, features, datasets, training,
     * decisions): several such readers may run at once (a backtest beside a walk-forward comparison), and only a writer
     * ({@link #open}: import, download, journal copy) has to wait for them. A mistyped {@code --home} is an error, never
     * a new empty store. A store written by an older Tatra gets the tables it lacks once, in a short write.
     */
    public static TatraStore openExisting(Path home) {
        Path file = home.resolve(FILE_NAME);
        if (!Files.isRegularFile(file))
            throw new TatraException("no store in " + home + " (no " + FILE_NAME + "): nothing imported there yet. Check --home / $TATRA_HOME, "
                    + "or import candles first: tatra import FILE.csv --home " + home);
        TatraStore s = connect(file, true);
        if (s.hasSchema()) return s;
        s.close();
        open(home).close();
        return connect(file, true);
    }

    /** Opens the store of a home for writing, creating both when absent (import, demo); one process at a time. */
    public static TatraStore open(Path home) {
        Path file = home.resolve(FILE_NAME);
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new TatraException("cannot create Tatra home " + home + " (" + e.getMessage() + "); set --home or TATRA_HOME to a writable folder", e);
        }
        TatraStore s = connect(file, false);
        try {
            s.createSchema();
        } catch (SQLException e) {
            s.close();
            throw openFailure(file, e);
        }
        return s;
    }

    private static TatraStore connect(Path file, boolean readOnly) {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            Properties p = new Properties();
            p.setProperty("threads", System.getProperty("tatra.store.threads", "2"));
            if (readOnly) p.setProperty("duckdb.read_only", "true");
            Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), p);
            return new TatraStore(file, c.unwrap(DuckDBConnection.class));
        } catch (SQLException e) {
            throw openFailure(file, e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("DuckDB JDBC driver missing from the classpath", e);
        }
    }

    /** Whether every table this version reads is there. */
    private boolean hasSchema() {
        try (Statement st = conn.createStatement();
             java.sql.ResultSet r = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name IN "
                     + "('candles', 'decisions', 'outcomes', 'snapshots', '" + RateTable.Kind.FUNDING.table + "', '" + RateTable.Kind.OPEN_INTEREST.table + "', 'book_levels')")) {
            return r.next() && r.getInt(1) == 7;
        } catch (SQLException e) {
            throw openFailure(file, e);
        }
    }

    private void createSchema() throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("""
                    CREATE TABLE IF NOT EXISTS candles (
                      symbol VARCHAR NOT NULL, interval VARCHAR NOT NULL, open_time TIMESTAMP NOT NULL,
                      open DOUBLE NOT NULL, high DOUBLE NOT NULL, low DOUBLE NOT NULL, close DOUBLE NOT NULL,
                      volume DOUBLE NOT NULL, quote_volume DOUBLE, trades BIGINT,
                      PRIMARY KEY (symbol, interval, open_time))""");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS decisions (
                      id VARCHAR PRIMARY KEY, timestamp TIMESTAMP NOT NULL, symbol VARCHAR NOT NULL, signal VARCHAR NOT NULL,
                      price DOUBLE NOT NULL, confidence DOUBLE NOT NULL, features VARCHAR NOT NULL)""");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS outcomes (
                      decision_id VARCHAR PRIMARY KEY, entry_price DOUBLE NOT NULL, exit_price DOUBLE NOT NULL,
                      profit_loss DOUBLE NOT NULL, win_5m BOOLEAN NOT NULL, win_30m BOOLEAN NOT NULL,
                      executed_time TIMESTAMP NOT NULL, closed_time TIMESTAMP NOT NULL)""");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS snapshots (
                      symbol VARCHAR NOT NULL, timestamp TIMESTAMP NOT NULL, features VARCHAR NOT NULL,
                      PRIMARY KEY (symbol, timestamp))""");
            st.execute(RateTable.Kind.FUNDING.ddl());
            st.execute(RateTable.Kind.OPEN_INTEREST.ddl());
            st.execute(BookTable.DDL);
        }
    }

    public CandleTable candles() { return candles; }

    public JournalTable journals() { return journals; }

    /** Funding rates per symbol (what backtests pay and the paper exchange settles). */
    public RateTable funding() { return funding; }

    /** Open interest per symbol. */
    public RateTable openInterest() { return openInterest; }

    /** Order-book snapshots per symbol (recorded by live sessions or imported; the book features read them). */
    public BookTable books() { return books; }

    public Path file() { return file; }

    DuckDBConnection connection() { return conn; }

    static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** A lock held by another process is not damage: tell them apart by DuckDB's own lock message, not a substring like "lock" in "block". */
    static TatraException openFailure(Path file, SQLException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("Could not set lock on file") || m.contains("Conflicting lock is held"))
            return new TatraException("the store " + file + " is in use by another process (" + firstLine(m) + "); wait for it to finish", e);
        if (damaged(m)) return damage(file, m, e);
        return new TatraException("cannot open the store " + file + ": " + firstLine(m), e);
    }

    static boolean damaged(String m) {
        String l = m.toLowerCase(java.util.Locale.ROOT);
        return l.contains("checksum") || l.contains("corrupt") || l.contains("not a valid duckdb") || l.contains("invalid block")
                || l.contains("failed to read") || l.contains("could not read") || l.contains("serialization") || l.contains("out of range");
    }

    static TatraException damage(Path file, String m, Throwable e) {
        return new TatraException("the store " + file + " is damaged (" + firstLine(m) + "). Restore it from a backup, or move it aside "
                + "and import your candle files again (tatra import)", e);
    }

    /**
     * Reads every row of every table (DuckDB checks each block's checksum as it reads): the store's own
     * {@code data check}. Returns the rows per table; damage is an error that says what to do.
     */
    public java.util.Map<String, Long> verify() {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        try (Statement st = conn.createStatement()) {
            java.util.List<String> tables = new java.util.ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name")) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("SELECT count(*), sum(hash(COLUMNS(*))) FROM \"" + t.replace("\"", "\"\"") + "\"")) {
                    rs.next();
                    out.put(t, rs.getLong(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw damage(file, String.valueOf(e.getMessage()), e);
        }
    }

    static TatraException failure(String what, SQLException e) {
        String m = String.valueOf(e.getMessage());
        if (damaged(m)) return new TatraException(what + ": the store is damaged (" + firstLine(m) + "). Restore it from a backup, or move it aside "
                + "and import your files again (tatra import)", e);
        return new TatraException(what + ": " + firstLine(m), e);
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw failure("closing the store " + file, e);
        }
    }

    /** Converts a CSV file (with header; empty fields are NULL) to Parquet with DuckDB's own reader and writer. */
    public void csvToParquet(java.nio.file.Path csv, java.nio.file.Path parquet) {
        String in = csv.toAbsolutePath().toString().replace("'", "''"), out = parquet.toAbsolutePath().toString().replace("'", "''");
        try (java.sql.Statement st = conn.createStatement()) {
            st.execute("COPY (SELECT * FROM read_csv('" + in + "', header = true, nullstr = '')) TO '" + out + "' (FORMAT PARQUET)");
        } catch (java.sql.SQLException e) {
            throw failure("writing " + parquet, e);
        }
    }
}
