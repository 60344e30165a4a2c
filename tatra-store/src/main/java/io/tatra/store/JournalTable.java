package io.tatra.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tatra.journal.Decision;
import io.tatra.journal.JournalRecord;
import io.tatra.journal.Outcome;
import io.tatra.journal.Snapshot;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** The trading logs in the store; re-importing the same records adds nothing (keyed by id / decisionId / symbol+time). */
public final class JournalTable {
    private static final ObjectMapper JSON = io.tatra.Json.MAPPER;
    private final TatraStore store;

    JournalTable(TatraStore store) { this.store = store; }

    /** Inserts the records that are not stored yet; returns how many were added. */
    public long insert(List<? extends JournalRecord> records) {
        long added = 0;
        try {
            store.connection().setAutoCommit(false);
            for (JournalRecord r : records) added += insertOne(r);
            store.connection().commit();
            return added;
        } catch (SQLException e) {
            try {
                store.connection().rollback();
            } catch (SQLException ignored) {
                // the original failure is reported
            }
            throw TatraStore.failure("storing journal records", e);
        } finally {
            try {
                store.connection().setAutoCommit(true);
            } catch (SQLException ignored) {
                // connection is unusable anyway; next call reports it
            }
        }
    }

    private int insertOne(JournalRecord r) throws SQLException {
        String sql = switch (r) {
            case Decision d -> "INSERT OR IGNORE INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?)";
            case Outcome o -> "INSERT OR IGNORE INTO outcomes VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
            case Snapshot s -> "INSERT OR IGNORE INTO snapshots VALUES (?, ?, ?)";
        };
        try (PreparedStatement ps = store.connection().prepareStatement(sql)) {
            switch (r) {
                case Decision d -> {
                    ps.setString(1, d.id());
                    ps.setTimestamp(2, ts(d.timestamp()));
                    ps.setString(3, d.symbol());
                    ps.setString(4, d.signal().name());
                    ps.setDouble(5, d.price());
                    ps.setDouble(6, d.confidence());
                    ps.setString(7, json(d.features()));
                }
                case Outcome o -> {
                    ps.setString(1, o.decisionId());
                    ps.setDouble(2, o.entryPrice());
                    ps.setDouble(3, o.exitPrice());
                    ps.setDouble(4, o.profitLoss());
                    ps.setBoolean(5, o.win5m());
                    ps.setBoolean(6, o.win30m());
                    ps.setTimestamp(7, ts(o.executedTime()));
                    ps.setTimestamp(8, ts(o.closedTime()));
                }
                case Snapshot s -> {
                    ps.setString(1, s.symbol());
                    ps.setTimestamp(2, ts(s.timestamp()));
                    ps.setString(3, json(s.features()));
                }
            }
            return ps.executeUpdate();
        }
    }

    /** Row count of one log table: decisions, outcomes or snapshots. */
    public long count(io.tatra.journal.JournalKind kind) {
        try (Statement st = store.connection().createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + kind.name().toLowerCase())) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw TatraStore.failure("counting " + kind, e);
        }
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
    }

    private static String json(Map<String, Double> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
