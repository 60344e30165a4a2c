package io.tatra.bybit.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tatra.Json;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * WebSocket control frames: the requests a client sends (subscribe, unsubscribe, ping, auth) and the server's
 * replies. Topics are checked before they are sent, since one unknown topic fails a whole subscribe batch on Bybit.
 * Pongs come in two shapes (public {@code ret_msg: "pong"}, private {@code op: "pong"}); both are recognised.
 */
public final class WsControl {
    /** Orderbook depths Bybit accepts on linear (500 is refused). */
    public static final Set<Integer> BOOK_DEPTHS = Set.of(1, 50, 200, 1000);
    /** Kline intervals of the v5 enum. */
    public static final Set<String> KLINE_INTERVALS = Set.of("1", "3", "5", "15", "30", "60", "120", "240", "360", "720", "D", "W", "M");
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,30}");
    private static final Set<String> PRIVATE = Set.of("order", "execution", "position", "wallet", "order.linear", "execution.linear", "position.linear");

    private WsControl() {}

    /** Refuses a topic Bybit would reject, with the reason. */
    public static String checkTopic(String topic) {
        if (PRIVATE.contains(topic)) return topic;
        String[] p = topic.split("\\.");
        boolean ok = switch (p[0]) {
            case "orderbook" -> p.length == 3 && p[1].matches("\\d{1,4}") && BOOK_DEPTHS.contains(Integer.parseInt(p[1])) && SYMBOL.matcher(p[2]).matches();
            case "kline" -> p.length == 3 && KLINE_INTERVALS.contains(p[1]) && SYMBOL.matcher(p[2]).matches();
            case "publicTrade", "tickers" -> p.length == 2 && SYMBOL.matcher(p[1]).matches();
            default -> false;
        };
        if (!ok) throw new ProtocolException("error:handler not found,topic:" + topic);
        return topic;
    }

    public static String subscribe(String reqId, List<String> topics) { return op("subscribe", reqId, topics); }

    public static String unsubscribe(String reqId, List<String> topics) { return op("unsubscribe", reqId, topics); }

    public static String ping(String reqId) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("req_id", reqId);
        o.put("op", "ping");
        return Json.line(o);
    }

    /** {@code {"op":"auth","args":[key, expires, signature]}}; expires as a number (pybit) — servers must accept a string too (ccxt). */
    public static String auth(ApiKey key, long expires) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("op", "auth");
        var args = o.putArray("args");
        args.add(key.key());
        args.add(expires);
        args.add(Signer.webSocket(key, expires));
        return Json.line(o);
    }

    private static String op(String op, String reqId, List<String> topics) {
        if (topics.isEmpty()) throw new ProtocolException(op + " needs at least one topic");
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (reqId != null) o.put("req_id", reqId);
        o.put("op", op);
        var args = o.putArray("args");
        for (String t : topics) args.add(checkTopic(t));
        return Json.line(o);
    }

    /** A server reply to a control request: which op, whether it succeeded, and the message. */
    public record Reply(String op, boolean success, String message, String reqId) {
        public boolean pong() { return "pong".equals(op) || "pong".equals(message); }
    }

    /** The control reply in a frame, or null when the frame is data (it has a {@code topic}). */
    public static Reply reply(JsonNode frame) {
        if (frame.has("topic")) return null;
        String op = frame.path("op").asText("");
        if (op.isEmpty()) throw new ProtocolException("a frame with neither topic nor op: " + Envelope.abbreviate(frame.toString()));
        boolean success = !frame.has("success") || frame.path("success").asBoolean(false);
        return new Reply(op, success, frame.path("ret_msg").asText(""), frame.path("req_id").asText(""));
    }
}
