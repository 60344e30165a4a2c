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
 * A live session's public stream: the topics it subscribes (each symbol's kline, ticker and 50-level book) and where
 * their frames go — closed bars to the session, tickers to the {@link TickerPush} (a frame that does not parse is
 * reported and leaves REST to answer), books to {@link LiveBooks} (a gap or a bad frame asks for a new snapshot), a
 * reconnect first forgets what was pushed and every book.
 */
final class StreamRouting implements BybitStream.Handler {
    /** What the session does with the stream. */
    interface Session {
        void closedBar(Symbol s, Kline k, long receivedNanos);

        /** A ticker or book frame that does not parse: reported; REST answers for the ticker, the book resyncs. */
        void frameNotRead(Symbol s, String why);

        void reconnected(int n);

        /** A book lost its sequence: ask the venue for a new snapshot (resubscribe the topic). */
        void resync(String topic);
    }

    private final Map<String, Symbol> topics = new HashMap<>();
    private final Map<String, Symbol> bookTopics = new HashMap<>();
    private final TickerPush pushed;
    private final LiveBooks books;
    private final Session session;

    StreamRouting(List<Symbol> symbols, Interval interval, TickerPush pushed, LiveBooks books, Session session) {
        for (Symbol s : symbols) {
            topics.put(BybitLiveVenue.klineTopic(s.value(), interval), s);
            topics.put("tickers." + s.value(), s); // open interest and funding pushed: no REST read when a bar closes
            bookTopics.put(LiveBooks.topic(s), s); // the book at each close: journaled, and a feature where the model reads books
        }
        this.pushed = pushed;
        this.books = books;
        this.session = session;
    }

    List<String> topics() {
        List<String> all = new ArrayList<>(topics.keySet());
        all.addAll(bookTopics.keySet());
        return all;
    }

    @Override
    public void onData(JsonNode frame) {
        long received = System.nanoTime();
        String topic = frame.path("topic").asText();
        Symbol s = topics.get(topic);
        if (s == null) {
            Symbol b = bookTopics.get(topic);
            if (b != null) book(b, topic, frame);
            return;
        }
        if (TickerUpdate.isTicker(frame)) {
            try {
                pushed.onFrame(s, frame);
            } catch (ProtocolException e) {
                session.frameNotRead(s, "ticker not read: " + e.getMessage());
            }
            return;
        }
        for (Kline k : KlineUpdate.closed(frame)) session.closedBar(s, k, received);
    }

    private void book(Symbol s, String topic, JsonNode frame) {
        boolean inSequence;
        try {
            inSequence = books.onFrame(s, frame);
        } catch (ProtocolException e) {
            session.frameNotRead(s, "order book not read: " + e.getMessage());
            books.reset(s);
            inSequence = false;
        }
        if (!inSequence) session.resync(topic);
    }

    @Override
    public void onReconnected(int n) {
        pushed.reset();
        books.reset();
        session.reconnected(n);
    }
}
