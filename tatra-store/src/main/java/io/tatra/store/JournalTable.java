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
    /** What one journal import did: records added, identical ones already stored, and changed ones whose key is stored. */
    public record InsertResult(long added, long unchanged, long conflicting, List<String> conflicts) {}

    /**
     * Inserts records in one transaction. A record whose key is already stored with the same values adds nothing; one
     * whose key is stored with other values is a conflict: the stored record is kept and the key reported.
     */
    public InsertResult insert(List<? extends JournalRecord> records) {
        long added = 0, unchanged = 0;
        List<String> conflicts = new java.util.ArrayList<>();
        try {
            store.connection().setAutoCommit(false);
            for (JournalRecord r : records) {
                if (insertOne(r) == 1) added++;
                else if (identicalStored(r)) unchanged++;
                else conflicts.add(r.key());
            }
            store.connection().commit();
            return new InsertResult(added, unchanged, conflicts.size(), List.copyOf(conflicts));
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
            bind(ps, r);
            return ps.executeUpdate();
        }
    }

    /** Whether the stored row with this record's key has exactly its values. */
    private boolean identicalStored(JournalRecord r) throws SQLException {
        String sql = switch (r) {
            case Decision d -> "SELECT count(*) FROM decisions WHERE id = ? AND timestamp = ? AND symbol = ? AND signal = ? AND price = ? AND confidence = ? AND features = ?";
            case Outcome o -> "SELECT count(*) FROM outcomes WHERE decision_id = ? AND entry_price = ? AND exit_price = ? AND profit_loss = ? AND win_5m = ? AND win_30m = ? AND executed_time = ? AND closed_time = ?";
            case Snapshot s -> "SELECT count(*) FROM snapshots WHERE symbol = ? AND timestamp = ? AND features = ?";
        };
        try (PreparedStatement ps = store.connection().prepareStatement(sql)) {
            bind(ps, r);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private static void bind(PreparedStatement ps, JournalRecord r) throws SQLException {
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
