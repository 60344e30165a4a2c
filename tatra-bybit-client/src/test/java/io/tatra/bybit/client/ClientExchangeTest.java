package io.tatra.bybit.client;

import io.tatra.backtest.CostConfig;
import io.tatra.backtest.ExecutionModels;
import io.tatra.bybit.protocol.ApiKey;
import io.tatra.bybit.protocol.ExecutionInfo;
import io.tatra.bybit.protocol.FundingRate;
import io.tatra.bybit.protocol.Instrument;
import io.tatra.bybit.protocol.Kline;
import io.tatra.bybit.protocol.OrderBook;
import io.tatra.bybit.protocol.OrderInfo;
import io.tatra.bybit.protocol.OrderLinkId;
import io.tatra.bybit.protocol.OrderRequest;
import io.tatra.bybit.protocol.PositionInfo;
import io.tatra.bybit.protocol.Ticker;
import io.tatra.bybit.protocol.WalletBalance;
import io.tatra.exchange.FaultPlan;
import io.tatra.market.Interval;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The client against the paper exchange on loopback: every endpoint, and what the exchange shows never leaks the future. */
class ClientExchangeTest {
    private static OrderRequest market(String decision, OrderRequest.Side side, String qty, String tp, String sl) {
        return new OrderRequest("BTCUSDT", side, OrderRequest.Type.Market, new BigDecimal(qty), null, null, OrderLinkId.of(decision, 0), false,
                tp == null ? null : new BigDecimal(tp), sl == null ? null : new BigDecimal(sl));
    }

    @Test
    void marketDataShowsOnlyWhatHasHappened() {
        try (PaperMarket m = new PaperMarket(FaultPlan.none())) {
            BybitMarket market = new BybitMarket(m.client());
            assertTrue(Math.abs(market.serverTime() - System.currentTimeMillis()) < 5000);
            int k = m.current();
            List<Kline> last = market.klines("BTCUSDT", Interval.H1, null, null, 5);
            assertEquals(5, last.size());
            Kline partial = last.get(4);
            assertEquals(m.bars.openTimeMillis(k), partial.startTime(), "the newest kline is the bar trading now");
            assertEquals(0, partial.close().compareTo(partial.open()), "an unclosed bar shows only its open (no future high/low/close)");
            Kline closed = last.get(3);
            assertEquals(m.bars.close(k - 1), closed.close().doubleValue(), 1e-9);
            List<Kline> fromStart = market.klines("BTCUSDT", Interval.H1, PaperMarket.T0, null, 3);
            assertEquals(PaperMarket.T0, fromStart.get(0).startTime(), "start only: the earliest bars from start");
            assertTrue(market.klines("BTCUSDT", Interval.H1, m.clock.now() + 10 * PaperMarket.HOUR, null, 10).isEmpty(), "nothing after the market clock");
            List<FundingRate> funding = market.funding("BTCUSDT", null, null, 200);
            assertFalse(funding.isEmpty());
            assertTrue(funding.get(funding.size() - 1).time() <= m.clock.now());
            List<Instrument> instruments = market.instruments();
            assertEquals(List.of("BTCUSDT"), instruments.stream().map(Instrument::symbol).toList());
            assertEquals(0, new BigDecimal("0.001").compareTo(instruments.get(0).qtyStep()));
            Ticker t = market.tickers("BTCUSDT").get(0);
            assertEquals(m.bars.open(k), t.lastPrice().doubleValue(), 1e-9);
            assertTrue(t.bid1Price().compareTo(t.ask1Price()) < 0);
            OrderBook book = market.orderBook("BTCUSDT", 10);
            assertEquals(10, book.bids().size());
            assertTrue(book.bestBid().compareTo(book.bestAsk()) < 0);
            var oi = market.openInterest("BTCUSDT", "1h", null, null, 50, null);
            assertEquals(50, oi.points().size());
            assertNotNull(oi.nextCursor());
            assertTrue(oi.points().get(49).time() <= m.clock.now());
            var next = market.openInterest("BTCUSDT", "1h", null, null, 50, oi.nextCursor());
            assertTrue(next.points().get(49).time() < oi.points().get(0).time(), "the cursor pages back in time");
        }
    }

    @Test
    void aMarketOrderFillsAtTheBacktestsPriceWithItsProtection() {
        try (PaperMarket m = new PaperMarket(FaultPlan.none())) {
            BybitTrading trading = new BybitTrading(m.client());
            int k = m.current();
            double open = m.bars.open(k);
            OrderRequest.Ack ack = trading.place(market("d-1", OrderRequest.Side.Buy, "0.5", Long.toString((long) (open * 1.05)), Long.toString((long) (open * 0.95))));
            assertEquals(OrderLinkId.of("d-1", 0), ack.orderLinkId());
            List<ExecutionInfo> fills = trading.executions("BTCUSDT");
            assertEquals(1, fills.size());
            ExecutionInfo fill = fills.get(0);
            ExecutionModels models = ExecutionModels.of(CostConfig.bybitLinear());
            double expected = models.fills().fillPrice(open, 0.5, models.slippage().fraction(m.bars, k - 1));
            assertEquals(expected, fill.price().doubleValue(), 1e-6, "paper fill = backtest next-open fill");
            assertEquals(models.fees().fee(0.5, expected), fill.fee().doubleValue(), 1e-6);
            PositionInfo p = trading.positions("BTCUSDT").get(0);
            assertEquals("Buy", p.side());
            assertEquals(0, new BigDecimal("0.5").compareTo(p.size()));
            assertNotNull(p.takeProfit());
            assertNotNull(p.stopLoss());
            OrderInfo o = trading.order("BTCUSDT", ack.orderLinkId()).orElseThrow();
            assertEquals("Filled", o.status());
            WalletBalance w = trading.wallet();
            assertEquals(100_000 - fill.fee().doubleValue(), w.totalWalletBalance().doubleValue(), 1e-6);
            // reduce-only closes; a second one finds nothing to reduce
            trading.place(new OrderRequest("BTCUSDT", OrderRequest.Side.Sell, OrderRequest.Type.Market, new BigDecimal("0.5"), null, null, OrderLinkId.of("d-2", 0), true, null, null));
            assertEquals("", trading.positions("BTCUSDT").get(0).side());
            BybitException again = assertThrows(BybitException.class, () -> trading.place(new OrderRequest("BTCUSDT", OrderRequest.Side.Sell, OrderRequest.Type.Market,
                    new BigDecimal("0.5"), null, null, OrderLinkId.of("d-3", 0), true, null, null)));
            assertEquals(110017, again.retCode());
        }
    }

    @Test
    void limitOrdersRestAmendAndCancel() {
        try (PaperMarket m = new PaperMarket(FaultPlan.none())) {
            BybitTrading trading = new BybitTrading(m.client());
            double open = m.bars.open(m.current());
            String below = new BigDecimal(Math.floor(open * 0.9)).toPlainString();
            OrderRequest limit = new OrderRequest("BTCUSDT", OrderRequest.Side.Buy, OrderRequest.Type.Limit, new BigDecimal("0.2"), new BigDecimal(below), null,
                    OrderLinkId.of("l-1", 0), false, null, null);
            trading.place(limit);
            trading.place(new OrderRequest("BTCUSDT", OrderRequest.Side.Buy, OrderRequest.Type.Limit, new BigDecimal("0.1"), new BigDecimal(below), null,
                    OrderLinkId.of("l-2", 0), false, null, null));
            assertEquals(2, trading.openOrders("BTCUSDT").size());
            trading.amend("BTCUSDT", OrderLinkId.of("l-1", 0), new BigDecimal("0.3"), null);
            assertEquals(0, new BigDecimal("0.3").compareTo(trading.order("BTCUSDT", OrderLinkId.of("l-1", 0)).orElseThrow().qty()));
            trading.cancel("BTCUSDT", OrderLinkId.of("l-1", 0));
            assertEquals("Cancelled", trading.order("BTCUSDT", OrderLinkId.of("l-1", 0)).orElseThrow().status());
            assertEquals(1, trading.cancelAll("BTCUSDT"));
            assertEquals(0, trading.cancelAll("BTCUSDT"));
            assertTrue(trading.openOrders("BTCUSDT").isEmpty());
            assertEquals(2, trading.history("BTCUSDT").size());
            BybitException gone = assertThrows(BybitException.class, () -> trading.cancel("BTCUSDT", OrderLinkId.of("nope", 0)));
            assertEquals(110001, gone.retCode());
            trading.setLeverage("BTCUSDT", new BigDecimal("5"));
            trading.setLeverage("BTCUSDT", new BigDecimal("5")); // 110043 "not modified" counts as done
            assertEquals(0, new BigDecimal("5").compareTo(trading.positions("BTCUSDT").get(0).leverage()));
        }
    }

    @Test
    void aRestingLimitFillsWhenALaterBarTradesThroughIt() {
        try (PaperMarket m = new PaperMarket(FaultPlan.none(), 100)) {
            BybitTrading trading = new BybitTrading(m.client());
            int k = m.current();
            double open = m.bars.open(k);
            int hit = -1;
            for (int i = k + 1; i < m.bars.size() && hit < 0; i++) if (m.bars.low(i) < open * 0.995) hit = i;
            assertTrue(hit > 0, "the walk dips 0.5 % below the open at some later bar");
            BigDecimal price = new BigDecimal(Math.floor(open * 0.995 * 10) / 10).setScale(1, java.math.RoundingMode.FLOOR);
            trading.place(new OrderRequest("BTCUSDT", OrderRequest.Side.Buy, OrderRequest.Type.Limit, new BigDecimal("0.1"), price, null, OrderLinkId.of("rest", 0), false, null, null));
            m.clock.set(m.bars.openTimeMillis(hit)); // bar hit has opened, not closed: no fill yet
            assertEquals("New", trading.order("BTCUSDT", OrderLinkId.of("rest", 0)).orElseThrow().status());
            m.clock.set(m.bars.openTimeMillis(hit) + PaperMarket.HOUR);
            OrderInfo filled = trading.order("BTCUSDT", OrderLinkId.of("rest", 0)).orElseThrow();
            assertEquals("Filled", filled.status());
            assertEquals(0, price.compareTo(filled.avgPrice().setScale(1, java.math.RoundingMode.HALF_EVEN)));
            ExecutionInfo e = trading.executions("BTCUSDT").stream().filter(x -> x.execType().equals("Trade")).findFirst().orElseThrow();
            assertTrue(e.maker(), "a resting order fills as maker");
        }
    }

    @Test
    void tradingStopMovesTheLevelsAndRecentTradesShowTheFills() {
        try (PaperMarket m = new PaperMarket(FaultPlan.none())) {
            BybitTrading trading = new BybitTrading(m.client());
            double open = m.bars.open(m.current());
            trading.place(market("ts-1", OrderRequest.Side.Sell, "0.3", null, null));
            trading.tradingStop("BTCUSDT", new BigDecimal(Math.floor(open * 0.9)), new BigDecimal(Math.ceil(open * 1.1)));
            PositionInfo p = trading.positions("BTCUSDT").get(0);
            assertEquals("Sell", p.side());
            assertEquals(Math.floor(open * 0.9), p.takeProfit().doubleValue(), 1e-9);
            assertEquals(Math.ceil(open * 1.1), p.stopLoss().doubleValue(), 1e-9);
            trading.tradingStop("BTCUSDT", BigDecimal.ZERO, null); // "0" clears the take profit
            assertNull(trading.positions("BTCUSDT").get(0).takeProfit());
            BybitException wrongSide = assertThrows(BybitException.class, () -> trading.tradingStop("BTCUSDT", null, new BigDecimal(Math.floor(open * 0.5))));
            assertEquals(10001, wrongSide.retCode(), "a short's stop below the price is refused");
            var trades = new BybitMarket(m.client()).recentTrades("BTCUSDT", 10);
            assertEquals(1, trades.size());
            assertEquals("Sell", trades.get(0).side());
            assertEquals(0, new BigDecimal("0.3").compareTo(trades.get(0).size()));
        }
    }

    @Test
    void theKeyAndSecretNeverAppearInAnError() {
        try (PaperMarket m = new PaperMarket(FaultPlan.none())) {
            ApiKey wrong = new ApiKey(PaperMarket.KEY.key(), "WRONGSECRETWRONGSECRETWRONGSECRET99");
            BybitTrading trading = new BybitTrading(m.client(m.config().withKey(wrong)));
            BybitException e = assertThrows(BybitException.class, trading::wallet);
            assertEquals(10004, e.retCode());
            assertFalse(e.getMessage().contains(PaperMarket.KEY.key()), e.getMessage());
            assertFalse(e.getMessage().contains(wrong.secret()), e.getMessage());
            assertTrue(e.getMessage().contains("error sign!"), e.getMessage());
            BybitException unknown = assertThrows(BybitException.class, () -> new BybitTrading(m.client(m.config().withKey(new ApiKey("NOSUCHKEY000000000", wrong.secret())))).wallet());
            assertEquals(10003, unknown.retCode());
        }
    }
}
