package io.tatra.live;

import io.tatra.journal.JournalReader;
import io.tatra.journal.JournalWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's write-ahead order log ({@code orders.jsonl}): an {@code intent} line is written before an order leaves,
 * an {@code ack} line after the venue answered. After a crash (kill -9 between the two), a restart reads the intents
 * without an ack and asks the venue about each by its orderLinkId: an order the venue has was sent and is adopted; one
 * it does not have never reached it and is abandoned (its bar is past). Nothing is sent twice.
 *
 * <p>Each line is in the OS's page cache when {@link #intent} returns — it outlives the process (kill -9, a JVM
 * crash) — and is forced to the disk by a background thread while the order travels, so that the fsync (p99 2–4 ms
 * on a shared disk) is not on the path from a closed bar to the order. What that leaves open is a power cut or kernel
 * crash inside the milliseconds between the send and the fsync: the venue would hold an order the log lacks, and the
 * restart's reconciliation reports the position as a difference and refuses to trade on (nothing is sent twice).
 */
public final class OrderLog implements AutoCloseable {
    /** One line: {@code intent} (before sending) or {@code ack} (after the answer). */
    public record Entry(String type, String orderLinkId, String symbol, String side, String qty, long barOpenTime, String orderId) {
        public Entry {
            if (!"intent".equals(type) && !"ack".equals(type)) throw new IllegalArgumentException("order log entry type must be intent or ack, got " + type);
            if (orderLinkId == null || orderLinkId.isBlank()) throw new IllegalArgumentException("order log entry without an orderLinkId");
        }
    }

    private final JournalWriter<Entry> writer;
    private final java.util.concurrent.ExecutorService syncer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "order-log-fsync");
        t.setDaemon(true);
        return t;
    });
    private volatile RuntimeException syncFailure;

    private OrderLog(JournalWriter<Entry> writer) { this.writer = writer; }

    public static OrderLog open(Path file) {
        return new OrderLog(JournalWriter.open(file, Entry.class, JournalWriter.Durability.FLUSH));
    }

    /** Writes an intent before its order is sent; a failed fsync of an earlier line is thrown here (the engine stops sending). */
    public void intent(String orderLinkId, String symbol, String side, String qty, long barOpenTime) {
        RuntimeException failed = syncFailure;
        if (failed != null) throw failed;
        writer.append(new Entry("intent", orderLinkId, symbol, side, qty, barOpenTime, null));
        syncLater();
    }

    public void ack(String orderLinkId, String symbol, String orderId) {
        writer.append(new Entry("ack", orderLinkId, symbol, null, null, 0, orderId));
        syncLater();
    }

    private void syncLater() {
        syncer.execute(() -> {
            try {
                writer.force();
            } catch (RuntimeException e) {
                syncFailure = e;
            }
        });
    }

    /**
     * Audits the log against the orderLinkIds the venue holds: {@code lost} (sent or adopted, yet not at the venue),
     * {@code duplicated} (at the venue more than once), {@code unknown} (at the venue, never journaled), {@code unsettled}
     * (an intent with no answer). Each is a list of orderLinkIds; all empty is a clean run.
     */
    public static Map<String, List<String>> audit(Path file, List<String> venueLinkIds) {
        Map<String, String> answer = new LinkedHashMap<>();
        List<String> intents = new ArrayList<>();
        if (Files.exists(file))
            for (Entry e : JournalReader.read(file, Entry.class).records()) {
                if (e.type().equals("intent")) intents.add(e.orderLinkId());
                else answer.put(e.orderLinkId(), e.orderId());
            }
        Map<String, Integer> atVenue = new LinkedHashMap<>();
        for (String id : venueLinkIds) atVenue.merge(id, 1, Integer::sum);
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("lost", intents.stream().filter(id -> answer.containsKey(id) && !"abandoned".equals(answer.get(id)) && !atVenue.containsKey(id)).distinct().toList());
        out.put("duplicated", atVenue.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList());
        out.put("unknown", atVenue.keySet().stream().filter(id -> !intents.contains(id)).toList());
        out.put("unsettled", intents.stream().filter(id -> !answer.containsKey(id)).distinct().toList());
        return out;
    }

    /** What recovery found: the log, open for appending; the unanswered orders the venue has (adopted); one line per settled order. */
    record Recovery(OrderLog log, List<Entry> adopted, List<String> lines) {}

    /**
     * Opens the log at {@code file} and settles what a crash left in it: each intent without an ack is looked up at the
     * venue by its orderLinkId ({@code atVenue}: symbol, orderLinkId), adopted if the venue has it, abandoned if not,
     * and answered in the log so that the next restart does not ask again; nothing is sent again. Each is told to
     * {@code log} ({@code recovered} or {@code abandoned}).
     */
    static Recovery recover(Path file, java.util.function.BiPredicate<String, String> atVenue, LiveEngine.Log log) {
        List<Entry> pending = pending(file);
        OrderLog orders = open(file);
        List<Entry> adopted = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Entry e : pending) {
            boolean there = atVenue.test(e.symbol(), e.orderLinkId());
            if (there) adopted.add(e);
            String what = e.side() + " " + e.qty() + " " + e.symbol() + " [" + e.orderLinkId() + "]";
            lines.add((there ? "adopted " : "abandoned ") + what + (there ? ": the venue has it" : ": it never reached the venue; not sent again"));
            log.event(there ? "recovered" : "abandoned", io.tatra.market.Symbol.of(e.symbol()), e.barOpenTime(), what);
            orders.ack(e.orderLinkId(), e.symbol(), there ? "adopted" : "abandoned");
        }
        return new Recovery(orders, List.copyOf(adopted), List.copyOf(lines));
    }

    /** Intents without an ack in the log at {@code file} (none when the file does not exist); torn lines are skipped. */
    public static List<Entry> pending(Path file) {
        if (!Files.exists(file)) return List.of();
        JournalReader.Result<Entry> r = JournalReader.read(file, Entry.class);
        Map<String, Entry> open = new LinkedHashMap<>();
        for (Entry e : r.records()) {
            if (e.type().equals("intent")) open.put(e.orderLinkId(), e);
            else open.remove(e.orderLinkId());
        }
        return new ArrayList<>(open.values());
    }

    /** Waits for the pending fsyncs, then closes (forcing the file once more). */
    @Override
    public void close() {
        syncer.shutdown();
        try {
            if (!syncer.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) syncer.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            writer.close();
        }
    }
}
