package io.tatra.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tatra.bybit.protocol.ApiKey;
import io.tatra.bybit.protocol.Envelope;
import io.tatra.bybit.protocol.ProtocolException;
import io.tatra.bybit.protocol.RetCode;
import io.tatra.bybit.protocol.Signer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The paper exchange's HTTP side on loopback: Bybit v5's REST paths over a {@link PaperVenue}. Built on Jetty 12's
 * core handler API (no servlets), because it hands over the request target and body exactly as received: the
 * signature is checked over the raw query string or body bytes, never over a re-serialisation, since clients differ in
 * how they encode (pybit sorts and spaces, ccxt keeps insertion order). Errors are Bybit's retCodes and texts with
 * HTTP 200; a {@link FaultPlan} adds rate limits, server errors, latency, lost order answers and a skewed clock.
 */
public final class PaperExchangeServer implements AutoCloseable {
    /** Requests larger than this are refused before they are read (Bybit's bodies are a few hundred bytes). */
    public static final int MAX_BODY = 64 * 1024;
    private static final long DEFAULT_RECV_WINDOW = 5000;

    private final PaperVenue venue;
    private final FaultPlan faults;
    private final Server server;
    private final ServerConnector connector;
    private final MarketRoutes market;
    private final TradeRoutes trade;
    private final RateLimiter limiter = new RateLimiter();
    private final Random random;
    private final AtomicInteger ordersToLose;
    private final AtomicLong requests = new AtomicLong(), lostAnswers = new AtomicLong();

    private final StreamHub hub;
    private volatile int rateScale = 1;

    private PaperExchangeServer(PaperVenue venue, FaultPlan faults, int port, long replayTickMillis) {
        this.venue = venue;
        this.faults = faults;
        this.market = new MarketRoutes(venue);
        this.trade = new TradeRoutes(venue);
        this.random = new Random(faults.seed());
        this.ordersToLose = new AtomicInteger(faults.loseOrderResponses());
        QueuedThreadPool pool = new QueuedThreadPool(32, 4);
        pool.setName("paper-exchange");
        server = new Server(pool);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        hub = new StreamHub(venue, faults, this::serverTime, replayTickMillis);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(Duration.ofMinutes(10)); // Bybit cuts a connection after 10 minutes without a ping
            container.setMaxTextMessageSize(MAX_BODY);
            container.addMapping("/v5/public/linear", (rq, rs, cb) -> new StreamSession(hub, false));
            container.addMapping("/v5/private", (rq, rs, cb) -> new StreamSession(hub, true));
        });
        ws.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback);
                return true;
            }
        });
        server.setHandler(ws);
    }

    /**
     * Multiplies Bybit's per-second request limits by {@code factor}: a replay that runs market time many times faster
     * than the wall clock (lock-step, or --speed 3600) would otherwise meet limits meant for real time and measure the
     * client's waiting, not the venue. 1 (the default) is Bybit's own limits.
     */
    public void scaleRateLimits(int factor) {
        if (factor < 1 || factor > 1_000_000) throw new IllegalArgumentException("rate-limit factor must be 1..1000000, got " + factor);
        rateScale = factor;
    }

    /** The fault plan's lost order answer: quiet, since it is what the plan asked for. */
    private static final class LostAnswer extends IOException implements org.eclipse.jetty.io.QuietException {
        LostAnswer() { super("paper exchange fault plan: order answer lost"); }
    }

    /** Starts a server on 127.0.0.1 ({@code port} 0 = any free port) whose market moves only when its clock is moved. */
    public static PaperExchangeServer start(PaperVenue venue, FaultPlan faults, int port) { return start(venue, faults, port, 0); }

    /**
     * Starts a server on 127.0.0.1; with {@code replayTickMillis} > 0 the venue catches up with its (replay) clock that
     * often, pushing stream messages as bars close.
     */
    public static PaperExchangeServer start(PaperVenue venue, FaultPlan faults, int port, long replayTickMillis) {
        PaperExchangeServer s = new PaperExchangeServer(venue, faults, port, replayTickMillis);
        try {
            s.server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the paper exchange cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        return s;
    }

    public int port() { return connector.getLocalPort(); }

    /** The REST base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() { return "http://127.0.0.1:" + port(); }

    /** The public linear stream, {@code ws://127.0.0.1:PORT/v5/public/linear}. */
    public String publicStream() { return "ws://127.0.0.1:" + port() + "/v5/public/linear"; }

    /** The private stream, {@code ws://127.0.0.1:PORT/v5/private}. */
    public String privateStream() { return "ws://127.0.0.1:" + port() + "/v5/private"; }

    /** Open WebSocket sessions. */
    public int streamSessions() { return hub.sessions(); }

    public PaperVenue venue() { return venue; }

    public FaultPlan faults() { return faults; }

    /** Order answers the fault plan has dropped so far. */
    public long lostAnswers() { return lostAnswers.get(); }

    /** REST requests answered so far. */
    public long requests() { return requests.get(); }

    /** The server's clock (the machine's, shifted by the fault plan's offset). */
    public long serverTime() { return System.currentTimeMillis() + faults.clockOffsetMillis(); }

    private boolean draw(double share) {
        if (share <= 0) return false;
        synchronized (random) {
            return random.nextDouble() < share;
        }
    }

    private void serve(Request request, Response response, Callback callback) {
        requests.incrementAndGet();
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        try {
            if (faults.latencyMillis() > 0) Thread.sleep(faults.latencyMillis());
            String rawQuery = request.getHttpURI().getQuery();
            String body = method.equals("POST") ? readBody(request) : "";
            JsonNode json = null;
            if (method.equals("POST")) {
                try {
                    json = Envelope.tree(body.isEmpty() ? "{}" : body);
                } catch (ProtocolException e) {
                    throw new VenueException(RetCode.PARAMS, "params error: the body is not a JSON object");
                }
            } else if (!method.equals("GET")) {
                send(response, callback, 400, error(RetCode.PARAMS.code(), "method must be GET or POST"), Map.of());
                return;
            }
            Call call = new Call(method, path, rawQuery == null ? "" : rawQuery, body, Call.decode(rawQuery), json);
            boolean signed = path.startsWith("/v5/order/") || path.startsWith("/v5/position/") || path.startsWith("/v5/account/") || path.startsWith("/v5/execution/")
                    || path.startsWith("/v5/user/") || path.startsWith("/v5/asset/");
            Map<String, String> headers = Map.of();
            if (signed) {
                ApiKey key = authenticate(request, call);
                RateLimiter.Verdict v = limiter.take(key.key() + " " + path, RateLimiter.limitOf(path) * rateScale, System.currentTimeMillis());
                boolean forced = draw(faults.rateLimitShare());
                headers = v.headers(forced);
                if (!v.allowed() || forced) {
                    send(response, callback, 200, error(RetCode.RATE_LIMIT.code(), "Too many visits!"), headers);
                    return;
                }
            }
            if (draw(faults.serverErrorShare())) {
                send(response, callback, 200, error(RetCode.SERVER_ERROR.code(), "System error. Please try again later."), headers);
                return;
            }
            JsonNode result = route(call);
            if (path.equals("/v5/order/create") && ordersToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                // the order is placed; its answer never arrives
                lostAnswers.incrementAndGet();
                request.getConnectionMetaData().getConnection().getEndPoint().close();
                callback.failed(new LostAnswer()); // a planned fault: Jetty logs a QuietException without a trace
                return;
            }
            send(response, callback, 200, new Envelope(0, "OK", result, JsonNodeFactory.instance.objectNode(), serverTime()).toJson(), headers);
        } catch (VenueException e) {
            send(response, callback, 200, error(e.retCode(), e.getMessage()), Map.of());
        } catch (NotFound e) {
            send(response, callback, 404, error(RetCode.PARAMS.code(), "path not found: " + path), Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        } catch (RuntimeException | IOException e) {
            send(response, callback, 200, error(RetCode.SERVER_ERROR.code(), "System error. Please try again later."), Map.of());
        }
    }

    private static final class NotFound extends RuntimeException {
        NotFound() { super(null, null, false, false); }
    }

    private JsonNode route(Call c) {
        String key = c.method() + " " + c.path();
        return switch (key) {
            case "GET /v5/market/time" -> market.time(serverTime());
            case "GET /v5/market/kline" -> market.kline(c);
            case "GET /v5/market/funding/history" -> market.fundingHistory(c);
            case "GET /v5/market/open-interest" -> market.openInterest(c);
            case "GET /v5/market/instruments-info" -> market.instruments(c);
            case "GET /v5/market/tickers" -> market.tickers(c);
            case "GET /v5/market/orderbook" -> market.orderbook(c);
            case "GET /v5/market/recent-trade" -> market.recentTrades(c);
            case "POST /v5/order/create" -> TradeRoutes.ack(trade.create(c));
            case "POST /v5/order/amend" -> trade.amend(c);
            case "POST /v5/order/cancel" -> trade.cancel(c);
            case "POST /v5/order/cancel-all" -> trade.cancelAll(c);
            case "GET /v5/order/realtime" -> trade.orders(c, false);
            case "GET /v5/order/history" -> trade.orders(c, true);
            case "GET /v5/execution/list" -> trade.executions(c);
            case "GET /v5/position/list" -> trade.positions(c);
            case "POST /v5/position/set-leverage" -> trade.setLeverage(c);
            case "POST /v5/position/trading-stop" -> trade.tradingStop(c);
            case "GET /v5/account/wallet-balance" -> trade.wallet(c);
            case "GET /v5/account/info" -> trade.accountInfo();
            case "GET /v5/account/fee-rate" -> trade.feeRate(c);
            case "GET /v5/user/query-api" -> trade.apiKeyInfo();
            case "GET /v5/asset/coin/query-info" -> trade.coins();
            default -> throw new NotFound();
        };
    }

    /** Bybit's checks in Bybit's order: key known (10003), timestamp inside the window (10002), signature (10004). */
    private ApiKey authenticate(Request request, Call c) {
        String apiKey = request.getHeaders().get("X-BAPI-API-KEY");
        String ts = request.getHeaders().get("X-BAPI-TIMESTAMP");
        String sign = request.getHeaders().get("X-BAPI-SIGN");
        String recv = request.getHeaders().get("X-BAPI-RECV-WINDOW");
        ApiKey key = venue.apiKey(apiKey);
        if (key == null) throw new VenueException(RetCode.INVALID_KEY, "API key is invalid.");
        long timestamp, window;
        try {
            timestamp = Long.parseLong(ts == null ? "" : ts.trim());
            window = recv == null ? DEFAULT_RECV_WINDOW : Long.parseLong(recv.trim());
        } catch (NumberFormatException e) {
            throw new VenueException(RetCode.PARAMS, "params error: X-BAPI-TIMESTAMP and X-BAPI-RECV-WINDOW must be integers");
        }
        long now = serverTime();
        if (timestamp < now - window || timestamp >= now + 1000)
            throw new VenueException(RetCode.TIMESTAMP, "invalid request, please check your server timestamp or recv_window param. req_timestamp[" + timestamp
                    + "],server_timestamp[" + now + "],recv_window[" + window + "]");
        String payload = c.method().equals("GET") ? c.rawQuery() : c.body();
        String text = Signer.restText(timestamp, key.key(), window, payload);
        if (sign == null || !Signer.verify(key.secret(), text, sign.trim()))
            throw new VenueException(RetCode.SIGNATURE, "error sign! origin_string[" + text + "]");
        return key;
    }

    private static String readBody(Request request) throws IOException {
        long declared = request.getLength();
        if (declared > MAX_BODY) throw new VenueException(RetCode.PARAMS, "params error: body larger than " + MAX_BODY + " bytes");
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] b = in.readNBytes(MAX_BODY + 1);
            if (b.length > MAX_BODY) throw new VenueException(RetCode.PARAMS, "params error: body larger than " + MAX_BODY + " bytes");
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    private String error(int code, String message) {
        return new Envelope(code, message, JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(), serverTime()).toJson();
    }

    private void send(Response response, Callback callback, int status, String json, Map<String, String> headers) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put("Timenow", Long.toString(serverTime()));
        headers.forEach((k, v) -> response.getHeaders().put(k, v));
        Content.Sink.write(response, true, json, callback);
    }

    @Override
    public void close() {
        hub.close();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the paper exchange failed", e);
        }
    }
}
