package io.tatra.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tatra.Json;
import io.tatra.bybit.protocol.ApiKey;
import io.tatra.bybit.protocol.Envelope;
import io.tatra.bybit.protocol.ProtocolException;
import io.tatra.bybit.protocol.Signer;
import io.tatra.bybit.protocol.WsControl;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One WebSocket connection to the paper exchange, public ({@code /v5/public/linear}) or private ({@code /v5/private}):
 * Bybit's control frames (ping, subscribe with one bad topic failing the batch, unsubscribe, auth with {@code expires}
 * as a number or a string), and the topics it subscribed to. Data frames are sent by the {@link StreamHub}.
 */
public final class StreamSession implements Session.Listener.AutoDemanding {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    final boolean privateStream;
    final String connId = UUID.randomUUID().toString();
    final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final StreamHub hub;
    private volatile Session session;
    private volatile boolean authenticated;
    final long openedAt = System.currentTimeMillis();

    StreamSession(StreamHub hub, boolean privateStream) {
        this.hub = hub;
        this.privateStream = privateStream;
    }

    boolean open() { return session != null && session.isOpen(); }

    boolean authenticated() { return authenticated; }

    /** Sends one text frame; frames are serialised by the hub's single sender thread. */
    void send(String text) {
        Session s = session;
        if (s != null && s.isOpen()) s.sendText(text, Callback.NOOP);
    }

    void drop() {
        Session s = session;
        if (s != null) s.disconnect();
    }

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
        hub.opened(this);
    }

    @Override
    public void onWebSocketClose(int status, String reason) {
        hub.closed(this);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        hub.closed(this);
    }

    @Override
    public void onWebSocketText(String text) {
        JsonNode frame;
        try {
            frame = Envelope.tree(text);
        } catch (ProtocolException e) {
            hub.control(this, reply("", false, "error:invalid json", ""));
            return;
        }
        String op = frame.path("op").asText("");
        String reqId = frame.has("req_id") ? frame.path("req_id").asText("") : "";
        switch (op) {
            case "ping" -> hub.control(this, privateStream ? privatePong(reqId) : reply("ping", true, "pong", reqId));
            case "auth" -> auth(frame, reqId);
            case "subscribe" -> subscribe(frame, reqId);
            case "unsubscribe" -> {
                for (JsonNode t : frame.path("args")) topics.remove(t.asText());
                hub.control(this, reply("unsubscribe", true, "", reqId));
            }
            default -> hub.control(this, reply(op, false, "error:invalid op", reqId));
        }
    }

    private void auth(JsonNode frame, String reqId) {
        JsonNode args = frame.path("args");
        if (!privateStream || args.size() != 3) {
            hub.control(this, reply("auth", false, "Params Error", reqId));
            return;
        }
        ApiKey key = hub.venue().apiKey(args.get(0).asText());
        long expires;
        try {
            expires = Long.parseLong(args.get(1).asText()); // pybit sends a number, ccxt a string
        } catch (NumberFormatException e) {
            hub.control(this, reply("auth", false, "Params Error", reqId));
            return;
        }
        long now = hub.serverTime();
        boolean ok = key != null && expires > now && Signer.verify(key.secret(), "GET/realtime" + expires, args.get(2).asText());
        if (ok) authenticated = true;
        hub.control(this, reply("auth", ok, ok ? "" : key == null ? "API key is invalid." : expires <= now ? "Params Error" : "error sign!", reqId));
    }

    private void subscribe(JsonNode frame, String reqId) {
        List<String> asked = new ArrayList<>();
        for (JsonNode t : frame.path("args")) asked.add(t.asText());
        for (String t : asked) {
            String why = null;
            try {
                WsControl.checkTopic(t);
                if (hub.isPrivateTopic(t) != privateStream) why = "error:handler not found,topic:" + t;
                else if (hub.isPrivateTopic(t) && !authenticated) why = "Request not authorized";
                else if (!hub.isPrivateTopic(t) && !hub.knownSymbol(t)) why = "error:handler not found,topic:" + t;
                else if (topics.contains(t)) why = "error:already subscribed,topic:" + t;
            } catch (ProtocolException e) {
                why = e.getMessage();
            }
            if (why != null) { // one bad topic fails the whole batch, as on Bybit
                hub.control(this, reply("subscribe", false, why, reqId));
                return;
            }
        }
        topics.addAll(asked);
        hub.control(this, reply("subscribe", true, "", reqId));
        for (String t : asked) hub.subscribed(this, t);
    }

    private String reply(String op, boolean success, String msg, String reqId) {
        ObjectNode o = F.objectNode();
        o.put("success", success);
        o.put("ret_msg", msg);
        o.put("conn_id", connId);
        if (!privateStream) o.put("req_id", reqId);
        else if (!reqId.isEmpty()) o.put("req_id", reqId);
        o.put("op", op);
        return Json.line(o);
    }

    private String privatePong(String reqId) {
        ObjectNode o = F.objectNode();
        o.put("req_id", reqId);
        o.put("op", "pong");
        o.putArray("args").add(Long.toString(hub.serverTime()));
        o.put("conn_id", connId);
        return Json.line(o);
    }
}
