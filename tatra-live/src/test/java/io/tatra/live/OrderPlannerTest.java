package io.tatra.live;

import io.tatra.bybit.protocol.Instrument;
import io.tatra.bybit.protocol.OrderLinkId;
import io.tatra.bybit.protocol.OrderRequest;
import io.tatra.market.Symbol;
import io.tatra.risk.RiskCheck;
import io.tatra.risk.RiskLimits;
import io.tatra.trading.TargetOrder;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.*;

class OrderPlannerTest {
    private static final Symbol BTC = Symbol.of("BTCUSDT");
    private static final Instrument IN = new Instrument("BTCUSDT", "Trading", new BigDecimal("0.1"), new BigDecimal("0.001"), new BigDecimal("0.001"),
            new BigDecimal("100"), new BigDecimal("50"), new BigDecimal("5"), new BigDecimal("100"), 480);

    private static OrderPlanner.Plan plan(double fraction, double held, double price, double equity) {
        return OrderPlanner.plan(new TargetOrder(BTC, fraction, 0.02, 0.03, "d-1"), held, price, equity, 0, new RiskCheck(RiskLimits.defaults()), IN, 0);
    }

    @Test
    void anOpeningOrderIsSizedLikeTheBacktestRoundedDownWithLevelsOnTheSafeSide() {
        OrderPlanner.Plan p = plan(0.5, 0, 40_000.37, 10_000);
        assertTrue(p.sends(), p.reason());
        OrderRequest r = p.order();
        assertEquals(OrderRequest.Side.Buy, r.side());
        assertEquals(new BigDecimal("0.124"), r.qty(), "0.5 × 10000 / 40000.37 = 0.12499… rounded down to the step");
        assertEquals(new BigDecimal("41200.3"), r.takeProfit(), "40000.37 × 1.03 = 41200.38, down to the tick");
        assertEquals(new BigDecimal("39200.4"), r.stopLoss(), "40000.37 × 0.98 = 39200.36, up to the tick: never a wider stop");
        assertFalse(r.reduceOnly());
        assertEquals(OrderLinkId.of("d-1", 0), r.orderLinkId(), "the same decision gives the same id");
    }

    @Test
    void shortsFlipsAndCloses() {
        OrderRequest s = plan(-0.5, 0, 40_000, 10_000).order();
        assertEquals(OrderRequest.Side.Sell, s.side());
        assertTrue(s.stopLoss().compareTo(new BigDecimal("40000")) > 0 && s.takeProfit().compareTo(new BigDecimal("40000")) < 0);
        OrderRequest flip = plan(-0.5, 0.125, 40_000, 10_000).order();
        assertEquals(OrderRequest.Side.Sell, flip.side());
        assertEquals(new BigDecimal("0.25"), flip.qty(), "through flat to the short in one order");
        assertFalse(flip.reduceOnly());
        OrderRequest close = plan(0, 0.125, 40_000, 10_000).order();
        assertTrue(close.reduceOnly());
        assertNull(close.takeProfit());
        assertEquals(new BigDecimal("0.125"), close.qty());
        OrderRequest trim = plan(0.25, 0.125, 40_000, 10_000).order();
        assertTrue(trim.reduceOnly(), "toward flat is reduce-only");
        assertEquals(OrderRequest.Side.Sell, trim.side());
    }

    @Test
    void whatTheVenueWouldRefuseIsNotSentAndSaysWhy() {
        OrderPlanner.Plan tiny = plan(0.0001, 0, 40_000, 10_000);
        assertFalse(tiny.sends());
        assertTrue(tiny.reason().contains("below one quantity step"), tiny.reason());
        OrderPlanner.Plan notional = plan(0.0005, 0, 1_000, 10_000); // 0.005 units × 1000 = 5 USDT: at the minimum; 0.004 below
        assertTrue(notional.sends(), String.valueOf(notional.reason()));
        OrderPlanner.Plan below = plan(0.0004, 0, 1_000, 10_000);
        assertFalse(below.sends());
        assertTrue(below.reason().contains("minimum notional"), below.reason());
        assertFalse(plan(0.5, 0.125, 40_000, 10_000).sends(), "already at the target");
        assertTrue(plan(0.5, 0, Double.NaN, 10_000).reason().contains("no usable price"));
    }
}
