package io.tatra.store;

import io.tatra.TatraException;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The embedded DuckDB store at {@code HOME/tatra.duckdb}: candles keyed by (symbol, interval, open
 * time) and the three trading logs. One process writes at a time; a second gets a clear message.
 */
public final class TatraStore implements AutoCloseable {
    public static final String FILE_NAME = "tatra.duckdb";
    private final Path file;
    private final DuckDBConnection conn;
    private final CandleTable candles;
    private final JournalTable journals;

    private TatraStore(Path file, DuckDBConnection conn) {
        this.file = file;
        this.conn = conn;
        this.candles = new CandleTable(this);
        this.journals = new JournalTable(this);
    }

    public static TatraStore open(Path home) {
        Path file = home.resolve(FILE_NAME);
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new TatraException("cannot create Tatra home " + home + " (" + e.getMessage() + "); set --home or TATRA_HOME to a writable folder", e);
        }
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            Properties p = new Properties();
            p.setProperty("threads", System.getProperty("tatra.store.threads", "2"));
            Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), p);
            TatraStore s = new TatraStore(file, c.unwrap(DuckDBConnection.class));
            s.createSchema();
            return s;
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("lock")) throw new TatraException("the store " + file + " is in use by another process (" + firstLine(m) + ")", e);
            throw new TatraException("cannot open the store " + file + ": " + firstLine(m), e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("DuckDB JDBC driver missing from the classpath", e);
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
        }
    }

    public CandleTable candles() { return candles; }

    public JournalTable journals() { return journals; }

    public Path file() { return file; }

    DuckDBConnection connection() { return conn; }

    static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    static TatraException failure(String what, SQLException e) {
        return new TatraException(what + ": " + firstLine(String.valueOf(e.getMessage())), e);
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
