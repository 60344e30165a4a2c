package io.tatra.bybit.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.tatra.bybit.protocol.Kline;
import io.tatra.bybit.protocol.OrderBook;
import io.tatra.bybit.protocol.OrderLinkId;
import io.tatra.bybit.protocol.OrderRequest;
import io.tatra.exchange.FaultPlan;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/** The client's streams against the paper exchange's, with and without faults. */
class StreamTest {
    private static final String KLINE = "kline.60.BTCUSDT", BOOK = "orderbook.50.BTCUSDT";

    /** Waits up to 10 s for a condition (bounded: a test never hangs). */
    private static void await(String what, BooleanSupplier ok) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            if (ok.getAsBoolean()) return;
            Thread.sleep(10);
        }
        fail("timed out waiting for " + what);
    }

    private static BybitStream.Config fast(String uri, io.tatra.bybit.protocol.ApiKey key) {
        return BybitStream.Config.of(URI.create(uri), key).withPing(Duration.ofMillis(200)).withReconnect(Duration.ofMillis(50), Duration.ofMillis(400));
    }

    /** Moves the market one bar at a time and lets the venue close the bars. */
    private static void advance(PaperMarket m, int bars) {
        for (int i = 0; i < bars; i++) {
            m.clock.advance(PaperMarket.HOUR);
            m.venue.sync();
        }
    }

    @Test
    void closedBarsAndTheBookFollowTheReplayAndPingsArePonged() throws Exception {
        try (PaperMarket m = new PaperMarket(FaultPlan.none())) {
            StreamState state = new StreamState();
            try (BybitStream s = BybitStream.open(fast(m.server.publicStream(), null), state)) {
                state.onResync(s::resubscribe);
                s.subscribe(List.of(KLINE, BOOK));
                await("the book snapshot", () -> state.book(BOOK) != null && state.book(BOOK).synced());
                int k = m.current();
                advance(m, 3);
                await("three closed bars", () -> state.closedBars(KLINE).size() == 3);
                List<Kline> bars = state.closedBars(KLINE);
                for (int j = 0; j < 3; j++) {
                    assertEquals(m.bars.openTimeMillis(k + j), bars.get(j).startTime());
                    assertEquals(m.bars.close(k + j), bars.get(j).close().doubleValue(), 1e-9);
                }
                double price = m.bars.open(k + 3);
                await("the book around the new price", () -> {
                    OrderBook b = state.book(BOOK);
                    return b.bestBid() != null && b.bestBid().doubleValue() < price && b.bestAsk().doubleValue() > price && b.bestAsk().doubleValue() < price * 1.001;
                });
                assertEquals(25, state.book(BOOK).bids().size(), "old levels were deleted by the deltas");
                await("pongs", () -> s.pongs() >= 2);
                assertEquals(0, state.bookResyncs());
            }
        }
    }

    @Test
    void tickersCarryFundingAndOpenInterestAndPublicTradesArriveOnce() throws Exception {
        try (PaperMarket m = new PaperMarket(FaultPlan.none().withMessageFaults(0.5, 0, 0).withSeed(8))) {
            StreamState state = new StreamState();
            try (BybitStream s = BybitStream.open(fast(m.server.publicStream(), null), state)) {
                s.subscribe(List.of("tickers.BTCUSDT", "publicTrade.BTCUSDT"));
                await("the ticker snapshot", () -> state.ticker("BTCUSDT") != null);
                var t = state.ticker("BTCUSDT");
                assertTrue(t.openInterest().signum() > 0, "open interest in the ticker");
                assertTrue(t.nextFundingTime() > m.clock.now(), "the next funding time lies ahead");
                advance(m, 2);
                double price = m.bars.open(m.current());
                await("the ticker delta merged", () -> Math.abs(state.ticker("BTCUSDT").lastPrice().doubleValue() - price) < 1e-6);
                assertTrue(state.ticker("BTCUSDT").openInterest().signum() > 0, "fields missing from a delta are kept");
                BybitTrading trading = new BybitTrading(m.client());
                for (int i = 0; i < 4; i++)
                    trading.place(new OrderRequest("BTCUSDT", OrderRequest.Side.Buy, OrderRequest.Type.Market, new BigDecimal("0.01"), null, null,
                            OrderLinkId.of("pt-" + i, 0), false, null, null));
                await("four public trades", () -> state.publicTrades().size() == 4);
                Thread.sleep(100);
                assertEquals(4, state.publicTrades().size(), "duplicated frames add no trade");
            }
        }
    }

    @Test
    void atEachCloseTheTickerWithTheOpenInterestSampledAtTheCloseComesBeforeTheClosedBar() throws Exception {
        try (PaperMarket m = new PaperMarket(FaultPlan.none())) {
            List<JsonNode> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (BybitStream s = BybitStream.open(fast(m.server.publicStream(), null), frames::add)) {
                s.subscribe(List.of("tickers.BTCUSDT", "kline.60.BTCUSDT"));
                await("the ticker snapshot", () -> frames.stream().anyMatch(f -> f.path("topic").asText().startsWith("tickers") && "snapshot".equals(f.path("type").asText())));
                int first = m.current();
                advance(m, 3);
                await("three closed bars", () -> frames.stream().filter(f -> f.path("topic").asText().startsWith("kline")
                        && f.path("data").get(0).path("confirm").asBoolean()).count() == 3);
                int closes = 0;
                for (int i = 0; i < frames.size(); i++) {
                    JsonNode f = frames.get(i);
                    if (!f.path("topic").asText().startsWith("kline") || !f.path("data").get(0).path("confirm").asBoolean()) continue;
                    long open = f.path("data").get(0).path("start").asLong();
                    JsonNode before = frames.get(i - 1);
                    assertEquals("tickers.BTCUSDT", before.path("topic").asText(), "the ticker delta precedes the closed bar at " + open);
                    assertEquals("delta", before.path("type").asText());
                    var t = io.tatra.bybit.protocol.TickerUpdate.parse(before);
                    double sampled = m.frame.openInterest().stream().filter(o -> o.time().toEpochMilli() <= open + PaperMarket.HOUR)
                            .reduce((a, b) -> b).orElseThrow().value();
                    assertEquals(sampled, t.openInterest().doubleValue(), 0, "the open interest sampled at the close, exactly as the REST history gives it");
                    assertEquals(open + PaperMarket.HOUR, t.ts(), "stamped with the close it describes (market time)");
                    assertEquals(first + closes, (int) ((open - PaperMarket.T0) / PaperMarket.HOUR));
                    closes++;
                }
                assertEquals(3, closes);
            }
        }
    }

    @Test
    void aBookGapForcesAFreshSnapshot() throws Exception {
        try (PaperMarket m = new PaperMarket(FaultPlan.none().withBookGapEvery(3))) {
            StreamState state = new StreamState();
            try (BybitStream s = BybitStream.open(fast(m.server.publicStream(), null), state)) {
                state.onResync(s::resubscribe);
                s.subscribe(List.of(BOOK));
                await("the snapshot", () -> state.book(BOOK) != null && state.book(BOOK).synced());
                advance(m, 7);
                await("a resync after a gap", () -> state.bookResyncs() >= 1);
                await("the book in sync again", () -> state.book(BOOK).synced());
                double price = m.bars.open(m.current());
                await("the book at the current price", () -> state.book(BOOK).bestAsk().doubleValue() > price && state.book(BOOK).bestBid().doubleValue() < price);
            }
        }
    }

    @Test
    void privateStreamsReportEachFillOnceDespiteDuplicatesAndReordering() throws Exception {
        try (PaperMarket m = new PaperMarket(FaultPlan.none().withMessageFaults(0.5, 0.3, 0).withSeed(3))) {
            StreamState state = new StreamState();
            try (BybitStream s = BybitStream.open(fast(m.server.privateStream(), PaperMarket.KEY), state)) {
                s.subscribe(List.of("order", "execution", "position", "wallet"));
                await("auth and subscription confirmed", () -> s.acks() >= 2);
                BybitTrading trading = new BybitTrading(m.client());
                for (int i = 0; i < 8; i++)
                    trading.place(new OrderRequest("BTCUSDT", i % 2 == 0 ? OrderRequest.Side.Buy : OrderRequest.Side.Sell, OrderRequest.Type.Market,
                            new BigDecimal("0.01"), null, null, OrderLinkId.of("p-" + i, 0), false, null, null));
                advance(m, 1); // a later frame pushes out one held back for reordering
                trading.wallet();
                await("eight fills", () -> state.fills().size() == 8);
                Thread.sleep(200);
                assertEquals(8, state.fills().size(), "no fill counted twice");
                assertTrue(state.duplicates() > 0, "the fault plan did duplicate frames");
                assertEquals(8, state.orders().size());
                assertTrue(state.orders().values().stream().allMatch(o -> o.status().equals("Filled")));
                assertEquals("", state.positions().get("BTCUSDT").side(), "four buys and four sells of 0.01 leave it flat");
                await("a wallet push", () -> state.wallet() != null);
                assertTrue(state.wallet().totalWalletBalance().doubleValue() < 100_000, "fees were paid: " + state.wallet().totalWalletBalance());
            }
        }
    }

    @Test
    void aDroppedConnectionReconnectsAndResubscribes() throws Exception {
        try (PaperMarket m = new PaperMarket(FaultPlan.none().withDropSocketSeconds(1))) {
            StreamState state = new StreamState();
            try (BybitStream s = BybitStream.open(fast(m.server.publicStream(), null), state)) {
                s.subscribe(List.of(KLINE));
                await("a reconnection", () -> s.reconnections() >= 1);
                Thread.sleep(100);
                advance(m, 2);
                await("bars after the reconnection", () -> state.closedBars(KLINE).size() == 2);
            }
        }
    }

    @Test
    void aStaleConnectionCanBeReplacedOnDemandAndKeepsItsTopics() throws Exception {
        try (PaperMarket m = new PaperMarket(FaultPlan.none())) {
            StreamState state = new StreamState();
            try (BybitStream s = BybitStream.open(fast(m.server.publicStream(), null), state)) {
                s.subscribe(List.of(KLINE));
                await("the subscription", () -> s.acks() >= 1);
                s.reconnectNow("a watchdog saw no bars");
                await("a reconnection", () -> s.reconnections() >= 1);
                Thread.sleep(100);
                advance(m, 2);
                await("bars after the reconnection", () -> state.closedBars(KLINE).size() == 2);
            }
        }
    }

    @Test
    void aRefusedSubscriptionIsReportedWithBybitsText() throws Exception {
        try (PaperMarket m = new PaperMarket(FaultPlan.none())) {
            try (BybitStream s = BybitStream.open(fast(m.server.publicStream(), null), new StreamState())) {
                s.subscribe(List.of("kline.60.ETHUSDT"));
                await("the refusal", () -> s.lastError() != null);
                assertEquals("subscribe: error:handler not found,topic:kline.60.ETHUSDT", s.lastError());
            }
            try (BybitStream s = BybitStream.open(fast(m.server.privateStream(), null), new StreamState())) {
                s.subscribe(List.of("order"));
                await("the refusal", () -> s.lastError() != null);
                assertEquals("subscribe: Request not authorized", s.lastError());
            }
        }
    }
}
