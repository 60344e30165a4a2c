package io.tatra.bybit.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a {@code kline.{interval}.{symbol}} WebSocket message. Bybit pushes the forming candle every 1–60 s;
 * only an entry with {@code confirm: true} is a closed bar, and only closed bars reach a strategy (a forming candle's
 * close is the last price, not a close).
 */
public record KlineUpdate(String symbol, String interval, Kline bar, boolean confirm, long timestamp) {
    /** The entries of one message, closed or not; the symbol and interval come from the topic. */
    public static List<KlineUpdate> parse(JsonNode msg) {
        String topic = msg.path("topic").asText("");
        String[] t = topic.split("\\.");
        if (t.length != 3 || !t[0].equals("kline")) throw new ProtocolException("not a kline topic: '" + topic + "'");
        JsonNode data = msg.path("data");
        if (!data.isArray()) throw new ProtocolException(topic + ": data is not a list");
        List<KlineUpdate> out = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            JsonNode d = data.get(i);
            try {
                if (!d.path("interval").asText().equals(t[1])) throw new ProtocolException("interval " + d.path("interval") + " differs from the topic's " + t[1]);
                JsonNode start = d.get("start"), confirm = d.get("confirm");
                if (start == null || !start.isIntegralNumber()) throw new ProtocolException("field 'start' must be an integer (ms)");
                if (confirm == null || !confirm.isBoolean()) throw new ProtocolException("field 'confirm' must be a boolean");
                Kline k = new Kline(start.asLong(), Decimals.decimal(d, "open"), Decimals.decimal(d, "high"), Decimals.decimal(d, "low"),
                        Decimals.decimal(d, "close"), Decimals.decimal(d, "volume"), Decimals.decimal(d, "turnover"));
                if (k.close().compareTo(k.high()) > 0 || k.close().compareTo(k.low()) < 0) throw new ProtocolException("close outside [low, high]");
                out.add(new KlineUpdate(t[2], t[1], k, confirm.asBoolean(), d.path("timestamp").asLong(0)));
            } catch (ProtocolException ex) {
                throw new ProtocolException(topic + " entry " + i + ": " + ex.getMessage());
            }
        }
        return out;
    }

    /** The closed bars of a message, oldest first. */
    public static List<Kline> closed(JsonNode msg) {
        return parse(msg).stream().filter(KlineUpdate::confirm).map(KlineUpdate::bar).sorted(java.util.Comparator.comparingLong(Kline::startTime)).toList();
    }
}
