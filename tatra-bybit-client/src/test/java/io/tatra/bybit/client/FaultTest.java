package io.tatra.bybit.client;

import io.tatra.bybit.protocol.OrderLinkId;
import io.tatra.bybit.protocol.OrderRequest;
import io.tatra.exchange.FaultPlan;
import io.tatra.market.Interval;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** Each fault of the paper exchange's plan, and what the client does about it. */
class FaultTest {
    private static OrderRequest buy(String decision) {
        return new OrderRequest("BTCUSDT", OrderRequest.Side.Buy, OrderRequest.Type.Market, new BigDecimal("0.01"), null, null, OrderLinkId.of(decision, 0), false, null, null);
    }

    @Test
    void rateLimitAnswersAreWaitedOutAndNothingIsDoubled() {
        try (PaperMarket m = new PaperMarket(FaultPlan.none().withRateLimitShare(0.5).withSeed(11))) {
            BybitRestClient rest = m.client(m.config().withRetries(10));
            BybitTrading trading = new BybitTrading(rest);
            for (int i = 0; i < 10; i++) trading.place(buy("rl-" + i));
            assertEquals(10, m.venue.orders("BTCUSDT", null, null, false).size(), "every order placed once");
            assertEquals(10, trading.executions("BTCUSDT").size());
            assertTrue(rest.backOffs() > 0, "10006 answers were met with back-off");
        }
    }

    @Test
    void aServerClockAheadIsMeasuredAndADriftIsResynchronised() {
        try (PaperMarket m = new PaperMarket(FaultPlan.none().withClockOffsetMillis(30_000))) {
            AtomicLong drift = new AtomicLong();
            ClientConfig cfg = m.config();
            BybitRestClient rest = new BybitRestClient(cfg, Transport.http(cfg.timeout(), 1 << 20), () -> System.currentTimeMillis() + drift.get(), ms -> {});
            BybitTrading trading = new BybitTrading(rest);
            trading.wallet(); // the first signed call measures the offset
            assertEquals(30_000, rest.clockOffset(), 1000, "the server runs 30 s ahead");
            assertEquals(0, rest.resyncs());
            drift.set(-20_000); // the machine's clock falls 20 s behind after the measurement
            trading.wallet();
            assertEquals(1, rest.resyncs(), "one 10002, one re-measure, then the call succeeds");
            assertEquals(50_000, rest.clockOffset(), 1000);
        }
    }

    @Test
    void aLostOrderAnswerEndsWithExactlyOneOrder() {
        try (PaperMarket m = new PaperMarket(FaultPlan.none().withLoseOrderResponses(1))) {
            BybitTrading trading = new BybitTrading(m.client());
            OrderRequest.Ack ack = trading.place(buy("lost-1"));
            assertEquals(1, m.server.lostAnswers(), "the answer to the create was dropped after the order was placed");
            assertEquals(1, m.venue.orders("BTCUSDT", null, null, false).size(), "found by orderLinkId, not placed twice");
            assertEquals(io.tatra.exchange.PaperOrder.Status.Filled, m.venue.orders("BTCUSDT", null, null, false).get(0).status());
            assertEquals(1, trading.executions("BTCUSDT").size());
            assertEquals(OrderLinkId.of("lost-1", 0), ack.orderLinkId());
            assertEquals(0, new BigDecimal("0.01").compareTo(trading.positions("BTCUSDT").get(0).size()));
        }
    }

    @Test
    void serverErrorsAreRetriedForReadsAndResolvedByLookupForOrders() {
        try (PaperMarket m = new PaperMarket(FaultPlan.none().withServerErrorShare(0.3).withSeed(5))) {
            BybitRestClient rest = m.client(m.config().withRetries(10));
            BybitMarket market = new BybitMarket(rest);
            for (int i = 0; i < 20; i++) assertEquals(3, market.klines("BTCUSDT", Interval.H1, null, null, 3).size());
            BybitTrading trading = new BybitTrading(rest);
            for (int i = 0; i < 10; i++) trading.place(buy("se-" + i));
            assertEquals(10, m.venue.orders("BTCUSDT", null, null, false).size(), "10016 on a create never doubles an order");
            assertTrue(rest.retries() > 0);
        }
    }

    @Test
    void anUnreachableVenueIsAClearErrorAfterTheRetries() {
        ClientConfig cfg = new ClientConfig(URI.create("http://127.0.0.1:1"), PaperMarket.KEY, 5000, Duration.ofMillis(500), 2, 1);
        BybitRestClient rest = new BybitRestClient(cfg, Transport.http(cfg.timeout(), 1 << 20), System::currentTimeMillis, ms -> {});
        BybitException e = assertThrows(BybitException.class, () -> new BybitMarket(rest).serverTime());
        assertEquals(BybitRestClient.UNKNOWN_OUTCOME, e.retCode());
        assertTrue(e.getMessage().contains("gave up after 3 attempts"), e.getMessage());
    }
}
