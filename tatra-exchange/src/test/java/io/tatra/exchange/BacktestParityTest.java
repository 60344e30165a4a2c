package io.tatra.exchange;

import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.BacktestSession;
import io.tatra.backtest.CostConfig;
import io.tatra.bybit.protocol.ApiKey;
import io.tatra.bybit.protocol.Instrument;
import io.tatra.bybit.protocol.OrderLinkId;
import io.tatra.bybit.protocol.OrderRequest;
import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.risk.RiskCheck;
import io.tatra.risk.RiskLimits;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticMarket;
import io.tatra.trading.Position;
import io.tatra.trading.Strategy;
import io.tatra.trading.TargetOrder;
import io.tatra.trading.Trade;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The same strategy through the backtest and through the paper exchange: the same round trips (times, prices, exit
 * reasons), fees and funding. The paper side trades as the live engine will: a market order for the difference
 * to the target after each bar closes, then the protective levels from the filled entry (trading-stop).
 */
class BacktestParityTest {
    private static final Symbol S = Symbol.of("SYN01USDT");

    /** Flips long / short every 6 bars with a 2 % stop and a 3 % take profit. */
    private static final Strategy FLIPPER = (bars, i, view) -> {
        if (i < 30 || i % 6 != 0) return List.of();
        double side = i % 12 == 0 ? 0.5 : -0.5;
        return List.of(new TargetOrder(S, side, 0.02, 0.03, "d-" + i));
    };

    @Test
    void paperFillsMatchTheBacktestsRoundTripByRoundTrip() {
        SyntheticMarket m = MarketGenerator.generate(SyntheticConfig.defaults(1, 600, Interval.H1, 21));
        BarSeries bars = m.series(S);
        MarketFrame frame = new MarketFrame(bars, m.funding().get(S), List.of(), List.of());
        BacktestConfig cfg = BacktestConfig.defaults().withCosts(CostConfig.bybitLinear());
        BacktestSession bt = BacktestSession.open(cfg, List.of(frame));
        while (!bt.done()) bt.step(FLIPPER);
        List<Trade> expected = bt.portfolio().closedTrades();
        assertTrue(expected.size() > 40, "the strategy trades: " + expected.size());
        assertTrue(expected.stream().anyMatch(t -> t.reason() == io.tatra.trading.ExitReason.STOP_LOSS), "some stops are hit");

        BigDecimal tiny = new BigDecimal("0.00000001");
        Instrument in = new Instrument(S.value(), "Trading", tiny, tiny, tiny, new BigDecimal("1000000000"), new BigDecimal("1000000000"), BigDecimal.ZERO,
                new BigDecimal("100"), 480);
        MarketClock.Manual clock = new MarketClock.Manual(bars.openTimeMillis(0));
        PaperConfig pc = new PaperConfig(List.of(in), cfg.capital(), cfg.costs(), BookModel.defaults().withDepthShare(1e9),
                List.of(new ApiKey("PARITYKEY0001", "PARITYSECRET000001")), 1, 100_000);
        PaperVenue venue = new PaperVenue(pc, List.of(frame), clock);
        venue.setLeverage(S.value(), new BigDecimal("100"), new BigDecimal("100")); // the backtest checks no margin
        RiskCheck risk = new RiskCheck(cfg.risk());
        for (int i = 0; i + 1 < bars.size(); i++) {
            clock.set(bars.openTimeMillis(i + 1)); // bar i has closed, bar i+1 opens
            venue.sync();
            List<TargetOrder> orders = FLIPPER.onBar(bars, i, venue.portfolio());
            for (TargetOrder o : orders) {
                Position p = venue.portfolio().position(0);
                double price = bars.open(i + 1), eq = venue.portfolio().equity();
                double delta = risk.approve(o.fraction(), p.quantity(), price, eq, 0, bars.openTimeMillis(i + 1)) - p.quantity();
                BigDecimal qty = BigDecimal.valueOf(Math.abs(delta)).setScale(8, RoundingMode.HALF_EVEN);
                if (qty.signum() == 0) continue;
                int before = (int) Math.signum(p.quantity());
                venue.place(new OrderRequest(S.value(), delta > 0 ? OrderRequest.Side.Buy : OrderRequest.Side.Sell, OrderRequest.Type.Market, qty, null, null,
                        OrderLinkId.of(o.decisionId(), 0), false, null, null));
                int after = (int) Math.signum(p.quantity());
                if (after != 0 && after != before) {
                    double entry = p.averageEntry();
                    venue.tradingStop(S.value(), level(entry * (1 + after * o.takeProfit())), level(entry * (1 - after * o.stopLoss())));
                }
            }
        }
        clock.set(bars.openTimeMillis(bars.size() - 1) + bars.interval().millis());
        venue.sync();
        List<Trade> got = venue.portfolio().closedTrades();
        assertEquals(expected.size(), got.size(), "round trips");
        for (int k = 0; k < expected.size(); k++) {
            Trade e = expected.get(k), g = got.get(k);
            assertEquals(e.entryTime(), g.entryTime(), "entry time of trade " + k);
            assertEquals(e.exitTime(), g.exitTime(), "exit time of trade " + k);
            assertEquals(e.reason(), g.reason(), "exit reason of trade " + k);
            assertEquals(e.side(), g.side());
            assertEquals(e.entryPrice(), g.entryPrice(), 1e-9 * e.entryPrice(), "entry price of trade " + k);
            assertEquals(e.exitPrice(), g.exitPrice(), 1e-6 * e.exitPrice(), "exit price of trade " + k + " (levels rounded to 1e-8)");
            assertEquals(e.quantity(), g.quantity(), 1e-7, "quantity of trade " + k + " (the paper rounds to the step 1e-8)");
        }
        assertEquals(bt.portfolio().feesPaid(), venue.portfolio().feesPaid(), 1e-6 * bt.portfolio().feesPaid(), "fees");
        assertNotEquals(0, bt.portfolio().fundingPaid(), "funding was paid");
        assertEquals(bt.portfolio().fundingPaid(), venue.portfolio().fundingPaid(), 1e-6 * Math.abs(bt.portfolio().fundingPaid()) + 1e-9, "funding");
        assertEquals(bt.portfolio().equity(), venue.portfolio().equity(), 1e-6 * cfg.capital(), "equity");
    }

    private static BigDecimal level(double v) { return BigDecimal.valueOf(v).setScale(8, RoundingMode.HALF_EVEN); }
}
