package io.tatra.live;

import io.tatra.bybit.protocol.Instrument;
import io.tatra.bybit.protocol.OrderLinkId;
import io.tatra.bybit.protocol.OrderRequest;
import io.tatra.risk.RiskCheck;
import io.tatra.trading.TargetOrder;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Turns a strategy's target (a fraction of equity, with stop-loss and take-profit fractions) into the one venue order
 * that gets there, the way the backtest sizes it: the risk check approves the target quantity at the reference price,
 * the difference to the position held is rounded down to the instrument's quantity step, and the protective levels are
 * set from the reference price and rounded to the tick on the safe side. An order the venue would refuse (below the
 * minimum quantity or notional) is not sent: the plan says why. A move toward flat is reduce-only and carries no levels.
 * The orderLinkId is derived from the decision id, so a retry after a crash finds the order instead of sending it twice.
 */
public final class OrderPlanner {
    private OrderPlanner() {}

    /** The order to send (null when none), or why not. */
    public record Plan(OrderRequest order, String reason) {
        public boolean sends() { return order != null; }
    }

    public static Plan plan(TargetOrder target, double held, double price, double equity, double othersGross, RiskCheck risk, Instrument instrument, long time) {
        if (!(price > 0) || !Double.isFinite(price)) return new Plan(null, "no usable price (" + price + ")");
        double qty = risk.approve(target.fraction(), held, price, equity, othersGross, time);
        double delta = qty - held;
        if (delta == 0) return new Plan(null, "already at the target");
        BigDecimal size = instrument.roundQty(BigDecimal.valueOf(Math.abs(delta)));
        if (size.signum() == 0) return new Plan(null, "the change of " + Math.abs(delta) + " is below one quantity step " + instrument.qtyStep().toPlainString());
        BigDecimal ref = BigDecimal.valueOf(price);
        String refusal = instrument.refusal(size, ref, true);
        if (refusal != null) return new Plan(null, refusal);
        boolean buy = delta > 0;
        boolean reducing = held != 0 && Math.signum(qty) != -Math.signum(held) && Math.abs(qty) < Math.abs(held);
        boolean closing = qty == 0 && held != 0;
        BigDecimal tp = null, sl = null;
        int after = (int) Math.signum(qty);
        if (!reducing && !closing && after != 0) {
            if (!Double.isNaN(target.takeProfit())) tp = level(instrument, price * (1 + after * target.takeProfit()), after > 0 ? RoundingMode.FLOOR : RoundingMode.CEILING);
            if (!Double.isNaN(target.stopLoss())) sl = level(instrument, price * (1 - after * target.stopLoss()), after > 0 ? RoundingMode.CEILING : RoundingMode.FLOOR);
            if (tp != null && (after > 0 ? tp.compareTo(ref) <= 0 : tp.compareTo(ref) >= 0)) tp = null; // closer than a tick: no level
            if (sl != null && (after > 0 ? sl.compareTo(ref) >= 0 : sl.compareTo(ref) <= 0)) sl = null;
        }
        OrderRequest r = new OrderRequest(instrument.symbol(), buy ? OrderRequest.Side.Buy : OrderRequest.Side.Sell, OrderRequest.Type.Market, size, null, null,
                OrderLinkId.of(target.decisionId(), 0), reducing || closing, tp, sl);
        return new Plan(r, null);
    }

    /** A stop move for a held position: the level, rounded to the tick toward the position, or why none is sent. */
    public record StopPlan(BigDecimal level, String reason) {
        public boolean sends() { return level != null; }
    }

    /**
     * Moves the stop of the position {@code held} (signed) to {@code stopPrice} only when that tightens it: below the
     * close and above the current stop for a long, the mirror for a short ({@code currentStop} NaN: none set).
     */
    public static StopPlan stop(double stopPrice, double held, double close, double currentStop, Instrument in) {
        if (held == 0) return new StopPlan(null, "no position to move a stop for");
        boolean isLong = held > 0;
        BigDecimal lv = level(in, stopPrice, isLong ? RoundingMode.CEILING : RoundingMode.FLOOR);
        if (lv == null) return new StopPlan(null, "stop price " + stopPrice + " is not a price");
        double l = lv.doubleValue();
        if (isLong ? l >= close : l <= close)
            return new StopPlan(null, "stop " + lv.toPlainString() + " is not " + (isLong ? "below" : "above") + " the close " + close + " of a " + (isLong ? "long" : "short"));
        if (currentStop > 0 && (isLong ? l <= currentStop : l >= currentStop))
            return new StopPlan(null, "stop " + lv.toPlainString() + " would not tighten the current " + currentStop);
        return new StopPlan(lv, null);
    }

    /** A level rounded to the tick in the given direction (toward the position: never a wider risk than asked). */
    private static BigDecimal level(Instrument in, double v, RoundingMode mode) {
        if (!(v > 0) || !Double.isFinite(v)) return null;
        return BigDecimal.valueOf(v).divide(in.tickSize(), 0, mode).multiply(in.tickSize()).stripTrailingZeros();
    }
}
