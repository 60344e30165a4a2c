package io.tatra.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.tatra.Json;
import io.tatra.TatraException;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the status file the engine writes after every bar ({@code status.json}): the state it last saw at the venue
 * (for reconciliation at the next start), and the whole file for {@code tatra live status}.
 */
public final class LiveStatus {
    private LiveStatus() {}

    /** Cap on a status file's size: it holds counts and a few histograms summaries. */
    static final long MAX_BYTES = 4L << 20;

    /** The engine's counters and switches for the status file. */
    public record Counts(long bars, long warmUpBars, long ordersSent, long notSent, long dryRunOrders, long errors, String killSwitch, boolean dryRun,
                         String lastBar, long lastBarCloseMillis) {}

    /** Writes the status file atomically: counters, the venue's positions and open orders as last seen, latency per stage. */
    public static void write(Path file, Counts c, Reconciliation.State state, Map<String, Map<String, Double>> latencyMs) {
        Map<String, Object> st = new java.util.LinkedHashMap<>();
        st.put("bars", c.bars());
        st.put("warm_up_bars", c.warmUpBars());
        st.put("orders_sent", c.ordersSent());
        st.put("not_sent", c.notSent());
        st.put("dry_run_orders", c.dryRunOrders());
        st.put("errors", c.errors());
        st.put("kill_switch", c.killSwitch());
        st.put("dry_run", c.dryRun());
        st.put("last_bar", c.lastBar());
        st.put("last_bar_close_ms", c.lastBarCloseMillis());
        Map<String, String> pos = new java.util.TreeMap<>();
        state.positions().forEach((sym, q) -> pos.put(sym, q.toPlainString()));
        st.put("positions", pos);
        st.put("open_orders", new java.util.TreeSet<>(state.openOrders()));
        st.put("latency_ms", latencyMs);
        io.tatra.AtomicWrite.text(file, Json.write(st) + "\n");
    }

    /** The file as JSON, or null when there is none (no session ran in this folder). */
    public static JsonNode read(Path file) {
        if (!Files.exists(file)) return null;
        try {
            if (Files.size(file) > MAX_BYTES) throw new TatraException(file + " is larger than " + MAX_BYTES + " bytes: not a status file of Tatra's");
            JsonNode n = Json.MAPPER.readTree(Files.readString(file));
            if (n == null || !n.isObject() || !n.has("bars")) throw new TatraException(file + ": not a live status file (no \"bars\")");
            return n;
        } catch (IOException e) {
            throw new TatraException(file + ": unreadable status file (" + e.getMessage().lines().findFirst().orElse("?")
                    + "); move it aside to start afresh, after checking the venue's positions yourself");
        }
    }

    /**
     * The close (venue time, ms) of the last bar the engine handled before writing the status: venue fills stamped
     * after it happened after the recorded state; -1 when unknown (no status, or one written before this field).
     */
    public static long lastBarClose(Path file) {
        JsonNode n = read(file);
        return n == null || !n.path("last_bar_close_ms").canConvertToLong() ? -1 : n.path("last_bar_close_ms").asLong();
    }

    /** The positions and open orders the engine last saw at the venue; empty when no status exists. */
    public static Reconciliation.State lastState(Path file) {
        JsonNode n = read(file);
        Map<String, BigDecimal> positions = new HashMap<>();
        Set<String> open = new HashSet<>();
        if (n == null) return new Reconciliation.State(positions, open);
        n.path("positions").fields().forEachRemaining(e -> {
            try {
                positions.put(e.getKey(), new BigDecimal(e.getValue().asText()));
            } catch (NumberFormatException bad) {
                throw new TatraException(file + ": position of " + e.getKey() + " is not a number: '" + e.getValue().asText() + "'");
            }
        });
        n.path("open_orders").forEach(o -> open.add(o.asText()));
        return new Reconciliation.State(positions, open);
    }
}
