package io.tatra.bybit.client;

import io.tatra.bybit.protocol.Envelope;
import io.tatra.bybit.protocol.ProtocolException;
import io.tatra.bybit.protocol.RateLimit;
import io.tatra.bybit.protocol.RetCode;
import io.tatra.bybit.protocol.Signer;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Bybit v5 REST on {@code java.net.http}: signing, the clock offset, rate limits and retries, under typed calls
 * ({@link BybitMarket}, {@link BybitTrading}).
 * <ul>
 *   <li>The clock offset is measured from {@code /v5/market/time} (half the round trip) before the first signed call
 *       and again on 10002, then the request is sent again (Bybit refused it before doing anything).</li>
 *   <li>{@code X-Bapi-Limit-*} headers are remembered per path: a call waits when the last answer said nothing is left.
 *       10006 and HTTP 403/429 back off (until the reset time, else exponentially) and send again.</li>
 *   <li>A network failure or 10016 is retried only for idempotent calls (reads, cancels). For an order creation the
 *       outcome is unknown: the caller gets {@link #UNKNOWN_OUTCOME} and looks the order up by its orderLinkId.</li>
 *   <li>The API key never appears in an exception or a log line: Bybit's own 10004 text carries it, and is masked.</li>
 * </ul>
 */
public final class BybitRestClient {
    /** The retCode given to a failure whose outcome is unknown: no answer, or 10016 on a call that must not be repeated. */
    public static final int UNKNOWN_OUTCOME = -1;
    private static final System.Logger LOG = System.getLogger("io.tatra.bybit.client");

    private final ClientConfig cfg;
    private final Transport transport;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private final Map<String, RateLimit> limits = new ConcurrentHashMap<>();
    private volatile long offset;
    private volatile boolean synced;
    private final AtomicLong resyncs = new AtomicLong(), backOffs = new AtomicLong(), retries = new AtomicLong();

    /** Waits; a test passes one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    public BybitRestClient(ClientConfig cfg, Transport transport, LongSupplier clock, Sleeper sleeper) {
        this.cfg = cfg;
        this.transport = transport;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** A client on {@code java.net.http} with the machine's clock. */
    public static BybitRestClient of(ClientConfig cfg) { return of(cfg, t -> t); }

    /** The same, its HTTP transport wrapped by {@code around} (a live session stamps when each order request goes out). */
    public static BybitRestClient of(ClientConfig cfg, java.util.function.UnaryOperator<Transport> around) {
        return new BybitRestClient(cfg, around.apply(Transport.http(cfg.timeout(), Envelope.MAX_CHARS)), System::currentTimeMillis, Thread::sleep);
    }

    public ClientConfig config() { return cfg; }

    /** Server minus local clock, in ms, as last measured. */
    public long clockOffset() { return offset; }

    /** Times the clock was re-measured, back-offs taken, and safe requests sent again. */
    public long resyncs() { return resyncs.get(); }

    public long backOffs() { return backOffs.get(); }

    public long retries() { return retries.get(); }

    /** Measures the offset between the server's clock and this machine's (midpoint of the round trip). */
    public long syncClock() {
        long t0 = clock.getAsLong();
        Envelope e = call("GET", "/v5/market/time", Query.of(), false, true);
        long t1 = clock.getAsLong();
        long server = e.time() > 0 ? e.time() : Long.parseLong(e.result().path("timeSecond").asText("0")) * 1000;
        offset = server - (t0 + t1) / 2;
        synced = true;
        return offset;
    }

    /** A public GET (market data): retried on network errors, 10016, 10006 and HTTP 403/429/5xx. */
    public Envelope get(String path, Query query) { return call("GET", path, query, false, true); }

    /** A signed GET (account state): idempotent, so retried like a public one. */
    public Envelope signedGet(String path, Query query) { return call("GET", path, query, true, true); }

    /** A signed POST; {@code idempotent} says whether sending it twice is harmless (a cancel, a leverage change). */
    public Envelope post(String path, String body, boolean idempotent) { return callBody(path, body, idempotent); }

    private Envelope call(String method, String path, Query query, boolean signed, boolean idempotent) {
        return exchange(method, path, query.text(), "", signed, idempotent);
    }

    private Envelope callBody(String path, String body, boolean idempotent) {
        return exchange("POST", path, "", body, true, idempotent);
    }

    private Envelope exchange(String method, String path, String query, String body, boolean signed, boolean idempotent) {
        if (signed && cfg.key() == null) throw new IllegalStateException(path + " needs an API key (BYBIT_API_KEY / BYBIT_API_SECRET or a key file)");
        if (signed && !synced) syncClock();
        String last = "no attempt";
        for (int attempt = 0; attempt <= cfg.maxRetries(); attempt++) {
            if (attempt > 0) retries.incrementAndGet();
            waitForLimit(path);
            Map<String, String> headers = new TreeMap<>();
            if (signed) {
                long ts = clock.getAsLong() + offset;
                String payload = method.equals("GET") ? query : body;
                headers.put("X-BAPI-API-KEY", cfg.key().key());
                headers.put("X-BAPI-TIMESTAMP", Long.toString(ts));
                headers.put("X-BAPI-RECV-WINDOW", Long.toString(cfg.recvWindowMillis()));
                headers.put("X-BAPI-SIGN", Signer.rest(cfg.key(), ts, cfg.recvWindowMillis(), payload));
            }
            if (method.equals("POST")) headers.put("Content-Type", "application/json");
            URI uri = cfg.baseUrl().resolve(path + (query.isEmpty() ? "" : "?" + query));
            Transport.Reply reply;
            try {
                reply = transport.send(method, uri, headers, body);
            } catch (IOException e) {
                last = "no answer (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")"; // a refused connection has no message
                if (!idempotent) throw new BybitException(UNKNOWN_OUTCOME, method + " " + path + ": " + last + "; the outcome is unknown");
                pause(attempt, -1);
                continue;
            }
            RateLimit rl = rateLimit(reply);
            if (rl != null) limits.put(path, rl);
            if (reply.status() == 403 || reply.status() == 429) {
                last = "HTTP " + reply.status() + (reply.status() == 403 ? " (IP rate limit: Bybit bans for at least 10 minutes)" : " (system protection)");
                backOffs.incrementAndGet();
                pause(attempt, -1);
                continue;
            }
            if (reply.status() >= 500) {
                last = "HTTP " + reply.status();
                if (!idempotent) throw new BybitException(UNKNOWN_OUTCOME, method + " " + path + ": " + last + "; the outcome is unknown");
                pause(attempt, -1);
                continue;
            }
            Envelope e;
            try {
                e = Envelope.parse(reply.body());
            } catch (ProtocolException ex) {
                throw new BybitException(0, method + " " + path + ": HTTP " + reply.status() + ", not a Bybit answer: " + mask(ex.getMessage()));
            }
            switch (e.handling()) {
                case NONE, ALREADY_DONE -> { return e; }
                case RESYNC_CLOCK -> {
                    last = "10002 " + e.retMsg();
                    resyncs.incrementAndGet();
                    LOG.log(System.Logger.Level.INFO, "{0}: the server refused our timestamp; re-measuring the clock offset", path);
                    syncClock();
                }
                case BACK_OFF -> {
                    last = "10006 " + e.retMsg();
                    backOffs.incrementAndGet();
                    pause(attempt, RateLimit.backOff(rl, clock.getAsLong()));
                }
                case RETRY_IF_IDEMPOTENT -> {
                    last = e.retCode() + " " + e.retMsg();
                    if (!idempotent) throw new BybitException(UNKNOWN_OUTCOME, method + " " + path + ": " + last + "; the outcome is unknown");
                    pause(attempt, -1);
                }
                default -> throw new BybitException(e.retCode(), method + " " + path + ": " + e.retCode() + " " + mask(e.retMsg()));
            }
        }
        throw new BybitException(UNKNOWN_OUTCOME, method + " " + path + ": gave up after " + (cfg.maxRetries() + 1) + " attempts; last: " + mask(last));
    }

    private static RateLimit rateLimit(Transport.Reply r) {
        String limit = header(r, "X-Bapi-Limit"), status = header(r, "X-Bapi-Limit-Status"), reset = header(r, "X-Bapi-Limit-Reset-Timestamp");
        if (limit == null || status == null || reset == null) return null;
        try {
            return RateLimit.of(limit, status, reset);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String header(Transport.Reply r, String name) {
        for (Map.Entry<String, String> h : r.headers().entrySet()) if (h.getKey().equalsIgnoreCase(name)) return h.getValue();
        return null;
    }

    /** Waits when the last answer for this path said the limit is used up (at most 2 s). */
    private void waitForLimit(String path) {
        RateLimit rl = limits.get(path);
        if (rl == null) return;
        long wait = Math.min(2000, rl.waitMillis(clock.getAsLong()));
        if (wait > 0) sleep(wait);
    }

    /** Back-off before attempt {@code attempt + 1}: the given wait, else the configured step doubled per attempt. */
    private void pause(int attempt, long suggested) {
        long wait = suggested >= 0 ? Math.min(suggested, 10_000) : Math.min(cfg.backOffMillis() << Math.min(attempt, 10), 30_000);
        if (attempt < cfg.maxRetries() && wait > 0) sleep(wait);
    }

    private void sleep(long ms) {
        try {
            sleeper.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BybitException(UNKNOWN_OUTCOME, "interrupted while waiting " + ms + " ms");
        }
    }

    /** Replaces the API key wherever a server text repeats it (Bybit's 10004 answer shows the string it signed). */
    String mask(String text) {
        if (text == null || cfg.key() == null) return text;
        return text.replace(cfg.key().key(), "***").replace(cfg.key().secret(), "***");
    }
}
