package io.tatra.backtest;

import io.tatra.market.BarSeries;
import io.tatra.trading.ExitReason;
import io.tatra.trading.Portfolio;
import io.tatra.trading.Position;

import java.time.Instant;

/**
 * How a fill and a protective exit happen, for the backtest and the paper exchange alike (their fills must not
 * diverge): a fill moves the reference price against the trader by the slippage known at bar {@code known}, pays the
 * fee model's fee and books into the {@link Portfolio}; a stop loss or take profit is checked against a bar's range,
 * a gap through a level fills at the open, and when both levels lie inside one bar, finer bars decide if given,
 * otherwise the stop (the worse case).
 */
public final class Matching {
    private final Portfolio portfolio;
    private final ExecutionModels models;

    public Matching(Portfolio portfolio, ExecutionModels models) {
        if (portfolio == null || models == null) throw new IllegalArgumentException("portfolio and models are required");
        this.portfolio = portfolio;
        this.models = models;
    }

    public Portfolio portfolio() { return portfolio; }

    private double slippagePaid;

    /** What fills have lost against their reference prices so far, in quote currency. */
    public double slippagePaid() { return slippagePaid; }

    public ExecutionModels models() { return models; }

    /** The price a market order of {@code delta} units fills at near {@code price}, with the slippage known at bar {@code known}. */
    public double fillPrice(double price, double delta, BarSeries b, int known) {
        return models.fills().fillPrice(price, delta, models.slippage().fraction(b, known));
    }

    /** One fill as booked: signed quantity, price, fee paid and why. */
    public record Fill(double delta, double price, double fee, ExitReason reason) {}

    /** Fills {@code delta} units near {@code price} as a taker; null when delta is 0. */
    public Fill trade(int s, double delta, double price, BarSeries b, int known, Instant time, ExitReason reason, String decision) {
        if (delta == 0) return null;
        double fill = fillPrice(price, delta, b, known);
        double fee = models.fees().fee(delta, fill);
        slippagePaid += Math.abs(delta) * Math.abs(fill - price);
        portfolio.fill(s, delta, fill, fee, time, reason, decision);
        portfolio.markIfUnset(s, price);
        return new Fill(delta, fill, fee, reason);
    }

    /** Stop loss / take profit of symbol s inside bar i; returns the exit fill, or null. */
    public Fill exits(int s, BarSeries b, int i, BarSeries fine) {
        Position p = portfolio.position(s);
        double stop = p.stopPrice(), take = p.takeProfitPrice();
        if (p.quantity() == 0 || (Double.isNaN(stop) && Double.isNaN(take))) return null;
        int side = (int) Math.signum(p.quantity());
        double open = b.open(i);
        boolean stopHit = !Double.isNaN(stop) && (side > 0 ? b.low(i) <= stop : b.high(i) >= stop);
        boolean takeHit = !Double.isNaN(take) && (side > 0 ? b.high(i) >= take : b.low(i) <= take);
        if (!stopHit && !takeHit) return null;
        Instant t = b.openTime(i);
        if (stopHit && (side > 0 ? open <= stop : open >= stop)) return trade(s, -p.quantity(), open, b, i - 1, t, ExitReason.STOP_LOSS, null);
        if (takeHit && (side > 0 ? open >= take : open <= take)) return trade(s, -p.quantity(), open, b, i - 1, t, ExitReason.TAKE_PROFIT, null);
        boolean stopFirst = stopHit;
        if (stopHit && takeHit && fine != null) {
            Boolean order = firstInFinerBars(fine, b.openTimeMillis(i), b.openTimeMillis(i) + b.interval().millis(), stop, take, side);
            if (order != null) stopFirst = order;
        }
        ExitReason why = stopFirst ? ExitReason.STOP_LOSS : ExitReason.TAKE_PROFIT;
        return trade(s, -p.quantity(), stopFirst ? stop : take, b, i - 1, Instant.ofEpochMilli(b.openTimeMillis(i) + b.interval().millis()), why, null);
    }

    /** True if the stop comes first in the finer bars, false for the take profit, null if they cannot tell (same sub-bar or no data). */
    static Boolean firstInFinerBars(BarSeries fine, long from, long to, double stop, double take, int side) {
        for (int k = 0; k < fine.size(); k++) {
            long t = fine.openTimeMillis(k);
            if (t < from) continue;
            if (t >= to) break;
            boolean sh = side > 0 ? fine.low(k) <= stop : fine.high(k) >= stop, th = side > 0 ? fine.high(k) >= take : fine.low(k) <= take;
            if (sh && th) return null;
            if (sh) return true;
            if (th) return false;
        }
        return null;
    }
}
