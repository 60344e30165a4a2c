package io.tatra.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.tatra.bybit.client.BybitStream;
import io.tatra.bybit.protocol.Kline;
import io.tatra.bybit.protocol.KlineUpdate;
import io.tatra.bybit.protocol.ProtocolException;
import io.tatra.bybit.protocol.TickerUpdate;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A live session's public stream: the topics it subscribes (each symbol's kline and ticker) and where their frames go —
 * closed bars to the session, tickers to the {@link TickerPush} (a frame that does not parse is reported and leaves
 * REST to answer), a reconnect first forgets what was pushed.
 */
final class StreamRouting implements BybitStream.Handler {
    /** What the session does with the stream. */
    interface Session {
        void closedBar(Symbol s, Kline k, long receivedNanos);

        void tickerNotRead(Symbol s, String why);

        void reconnected(int n);
    }

    private final Map<String, Symbol> topics = new HashMap<>();
    private final TickerPush pushed;
    private final Session session;

    StreamRouting(List<Symbol> symbols, Interval interval, TickerPush pushed, Session session) {
        for (Symbol s : symbols) {
            topics.put(BybitLiveVenue.klineTopic(s.value(), interval), s);
            topics.put("tickers." + s.value(), s); // open interest and funding pushed: no REST read when a bar closes
        }
        this.pushed = pushed;
        this.session = session;
    }

    List<String> topics() { return new ArrayList<>(topics.keySet()); }

    @Override
    public void onData(JsonNode frame) {
        long received = System.nanoTime();
        Symbol s = topics.get(frame.path("topic").asText());
        if (s == null) return;
        if (TickerUpdate.isTicker(frame)) {
            try {
                pushed.onFrame(s, frame);
            } catch (ProtocolException e) {
                session.tickerNotRead(s, e.getMessage());
            }
            return;
        }
        for (Kline k : KlineUpdate.closed(frame)) session.closedBar(s, k, received);
    }

    @Override
    public void onReconnected(int n) {
        pushed.reset();
        session.reconnected(n);
    }
}
