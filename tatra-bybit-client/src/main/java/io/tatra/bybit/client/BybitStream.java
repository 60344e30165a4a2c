package io.tatra.bybit.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.tatra.bybit.protocol.ApiKey;
import io.tatra.bybit.protocol.Envelope;
import io.tatra.bybit.protocol.ProtocolException;
import io.tatra.bybit.protocol.WsControl;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One Bybit v5 WebSocket (public or private) on {@code java.net.http}: it authenticates when given a key, subscribes,
 * sends {@code {"op":"ping"}} every 20 s, and when the connection drops it reconnects with back-off (doubling from
 * {@code reconnectMin} to {@code reconnectMax}), authenticates again, resubscribes every topic and says so in the log.
 * Data frames go to the {@link Handler}; control replies (pong, subscribe, auth) are handled here.
 */
public final class BybitStream implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.tatra.bybit.client");

    /** Where to connect and how to keep the connection. */
    public record Config(URI uri, ApiKey key, Duration pingInterval, Duration reconnectMin, Duration reconnectMax) {
        public Config {
            if (uri == null || uri.getScheme() == null || !uri.getScheme().matches("wss?")) throw new IllegalArgumentException("a stream URL is ws:// or wss://, got " + uri);
            if (pingInterval.isNegative() || pingInterval.isZero() || reconnectMin.isNegative() || reconnectMax.compareTo(reconnectMin) < 0)
                throw new IllegalArgumentException("ping interval must be > 0 and reconnectMin <= reconnectMax");
        }

        /** Bybit's advice: ping every 20 s; reconnect from 1 s up to 30 s. */
        public static Config of(URI uri, ApiKey key) { return new Config(uri, key, Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofSeconds(30)); }

        public Config withPing(Duration v) { return new Config(uri, key, v, reconnectMin, reconnectMax); }

        public Config withReconnect(Duration min, Duration max) { return new Config(uri, key, pingInterval, min, max); }
    }

    /** Receives data frames (they carry a {@code topic}), and hears of reconnections. */
    public interface Handler {
        void onData(JsonNode frame);

        /** Called after a reconnection once authentication and subscriptions were sent again. */
        default void onReconnected(int reconnections) {}
    }

    private final Config cfg;
    private final Handler handler;
    private final LongSupplier clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bybit-stream");
        t.setDaemon(true);
        return t;
    });
    private final LinkedHashSet<String> topics = new LinkedHashSet<>();
    private final Object sendLock = new Object();
    private final AtomicInteger reconnections = new AtomicInteger();
    private final AtomicLong frames = new AtomicLong(), pongs = new AtomicLong(), acks = new AtomicLong();
    private volatile WebSocket ws;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicBoolean reconnecting = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile String lastError;
    private ScheduledFuture<?> pinger;
    private int failedAttempts;

    private BybitStream(Config cfg, Handler handler, LongSupplier clock) {
        this.cfg = cfg;
        this.handler = handler;
        this.clock = clock;
    }

    /** Connects (and authenticates when the config has a key); a first connection that fails is an exception. */
    public static BybitStream open(Config cfg, Handler handler) {
        BybitStream s = new BybitStream(cfg, handler, System::currentTimeMillis);
        s.ws = s.connect();
        s.pinger = s.timer.scheduleWithFixedDelay(s::ping, cfg.pingInterval().toMillis(), cfg.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
        return s;
    }

    private WebSocket connect() {
        WebSocket w = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(cfg.uri(), new Listener()).orTimeout(15, TimeUnit.SECONDS).join();
        if (cfg.key() != null) send(w, WsControl.auth(cfg.key(), clock.getAsLong() + 10_000));
        List<String> again;
        synchronized (topics) {
            again = new ArrayList<>(topics);
        }
        if (!again.isEmpty()) send(w, WsControl.subscribe(null, again));
        return w;
    }

    /** Subscribes to more topics (checked before sending); they are subscribed again after every reconnection. */
    public void subscribe(List<String> more) {
        for (String t : more) WsControl.checkTopic(t);
        synchronized (topics) {
            topics.addAll(more);
        }
        send(ws, WsControl.subscribe(null, more));
    }

    /** Unsubscribes and subscribes again: Bybit answers a subscription with a fresh snapshot (an order book after a gap). */
    public void resubscribe(String topic) {
        send(ws, WsControl.unsubscribe(null, List.of(topic)));
        send(ws, WsControl.subscribe(null, List.of(topic)));
    }

    public int reconnections() { return reconnections.get(); }

    /**
     * Drops the connection and reconnects (resubscribing every topic): for a connection that is open but has stopped
     * delivering (a watchdog saw bars arrive over REST that the stream should have sent). Does nothing while a
     * reconnection is already under way.
     */
    public void reconnectNow(String why) {
        if (reconnecting.get()) return; // a reconnection is under way: it brings a fresh connection anyway
        WebSocket w = ws;
        lost(why);
        if (w != null) w.abort();
    }

    public long frames() { return frames.get(); }

    public long pongs() { return pongs.get(); }

    /** Subscriptions and authentications the server confirmed. */
    public long acks() { return acks.get(); }

    /** The last error the server sent (a refused subscription or authentication), or null. */
    public String lastError() { return lastError; }

    private void ping() {
        try {
            send(ws, WsControl.ping(Long.toString(clock.getAsLong())));
        } catch (RuntimeException e) {
            // a dead connection is noticed by the listener, which reconnects
        }
    }

    private void send(WebSocket w, String text) {
        if (w == null || w.isOutputClosed()) return;
        synchronized (sendLock) { // java.net.http allows one outstanding send at a time
            w.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    private void lost(String why) {
        if (closed || !reconnecting.compareAndSet(false, true)) return;
        LOG.log(System.Logger.Level.WARNING, "stream {0} lost ({1}); reconnecting", cfg.uri(), why);
        scheduleReconnect();
    }

    private synchronized void scheduleReconnect() {
        if (closed) return;
        long wait = Math.min(cfg.reconnectMax().toMillis(), cfg.reconnectMin().toMillis() << Math.min(failedAttempts, 16));
        timer.schedule(this::reconnect, wait, TimeUnit.MILLISECONDS);
    }

    private void reconnect() {
        if (closed) return;
        try {
            ws = connect();
            reconnecting.set(false);
            int n = reconnections.incrementAndGet();
            int k;
            synchronized (topics) {
                k = topics.size();
            }
            synchronized (this) {
                failedAttempts = 0;
            }
            LOG.log(System.Logger.Level.INFO, "stream {0} reconnected ({1} so far); {2}resubscribed {3} topics", cfg.uri(), n, cfg.key() != null ? "authenticated and " : "", k);
            handler.onReconnected(n);
        } catch (RuntimeException e) {
            synchronized (this) {
                failedAttempts++;
            }
            LOG.log(System.Logger.Level.WARNING, "stream {0}: reconnect failed ({1}); trying again", cfg.uri(), e.getMessage());
            scheduleReconnect();
        } catch (Error e) { // never leave the stream dead with `reconnecting` set: try again, then let the error be seen
            LOG.log(System.Logger.Level.WARNING, "stream " + cfg.uri() + ": reconnect failed with an error; trying again", e);
            scheduleReconnect();
        }
    }

    private void onFrame(String text) {
        frames.incrementAndGet();
        JsonNode frame;
        try {
            frame = Envelope.tree(text);
        } catch (ProtocolException e) {
            LOG.log(System.Logger.Level.WARNING, "stream {0}: unreadable frame ({1})", cfg.uri(), e.getMessage());
            return;
        }
        if (frame.has("topic")) {
            handler.onData(frame);
            return;
        }
        WsControl.Reply r;
        try {
            r = WsControl.reply(frame);
        } catch (ProtocolException e) {
            LOG.log(System.Logger.Level.WARNING, "stream {0}: {1}", cfg.uri(), e.getMessage());
            return;
        }
        if (r.pong()) pongs.incrementAndGet();
        else if (r.success()) acks.incrementAndGet();
        else if (!r.success()) {
            lastError = r.op() + ": " + r.message();
            LOG.log(System.Logger.Level.WARNING, "stream {0}: {1} refused: {2}", cfg.uri(), r.op(), r.message());
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            partial.append(data);
            if (partial.length() > Envelope.MAX_CHARS) {
                partial.setLength(0);
                w.abort();
                lost("a frame over " + Envelope.MAX_CHARS + " characters");
                return null;
            }
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    onFrame(text);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "stream handler failed on a frame", e);
                }
            }
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
            if (w == ws) lost("closed " + status + (reason.isEmpty() ? "" : " " + reason));
            return null;
        }

        /**
         * A connection that ends without a close frame (a server or network dropping it) may arrive here as an
         * {@code InternalError} from the JDK's {@code TransportImpl.acknowledgeReception}: its transport acknowledges
         * the end of the stream against a read demand that is zero whenever no message is being read (a JDK defect;
         * the listener's own demand does not reach it). It is a lost connection like any other: reconnect.
         */
        @Override
        public void onError(WebSocket w, Throwable error) {
            if (error instanceof Error) LOG.log(System.Logger.Level.WARNING, "stream " + cfg.uri() + ": the connection failed with an error", error);
            if (w == ws) lost(error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage()));
        }
    }

    @Override
    public void close() {
        closed = true;
        if (pinger != null) pinger.cancel(false);
        timer.shutdownNow();
        WebSocket w = ws;
        if (w != null) w.abort();
    }
}
