package io.tatra.exchange;

import io.tatra.bybit.protocol.Instrument;
import io.tatra.bybit.protocol.OrderRequest;
import io.tatra.bybit.protocol.RetCode;

import java.math.BigDecimal;

/** Bybit's refusals of a new order, with its codes and texts: tick, quantity limits, notional, reduce-only, TP/SL sides. */
final class OrderRules {
    private OrderRules() {}

    /** @param ref the current price; @param position the signed position held */
    static void check(OrderRequest r, Instrument in, double ref, double position) {
        boolean market = r.type() == OrderRequest.Type.Market;
        if (!market && r.price().remainder(in.tickSize()).signum() != 0)
            throw new VenueException(RetCode.PARAMS, "params error: price invalid (not a multiple of the tick " + in.tickSize().toPlainString() + ")");
        String refusal = in.refusal(r.qty(), market ? BigDecimal.valueOf(ref) : r.price(), market);
        if (refusal != null && refusal.contains("notional"))
            throw new VenueException(RetCode.BELOW_MIN_NOTIONAL, "Order does not meet minimum order value " + in.minNotional().toPlainString() + "USDT");
        if (refusal != null) throw new VenueException(RetCode.PARAMS, "params error: Qty invalid: " + refusal);
        int side = r.side() == OrderRequest.Side.Buy ? 1 : -1;
        if (r.reduceOnly()) {
            if (position == 0) throw new VenueException(RetCode.REDUCE_ONLY, "current position is zero, cannot fix reduce-only order qty");
            if (Math.signum(position) == side) throw new VenueException(RetCode.REDUCE_ONLY, "reduce-only order has same side with current position");
        }
        double base = r.price() != null ? r.price().doubleValue() : ref;
        String dir = side > 0 ? "Buy" : "Sell";
        if (r.takeProfit() != null && (side > 0 ? r.takeProfit().doubleValue() <= base : r.takeProfit().doubleValue() >= base))
            throw new VenueException(RetCode.PARAMS, "params error: TakeProfit:" + r.takeProfit().toPlainString() + " set for " + dir + " position should be "
                    + (side > 0 ? "higher" : "lower") + " than base_price:" + Formats.plain(base, 8));
        if (r.stopLoss() != null && (side > 0 ? r.stopLoss().doubleValue() >= base : r.stopLoss().doubleValue() <= base))
            throw new VenueException(RetCode.PARAMS, "params error: StopLoss:" + r.stopLoss().toPlainString() + " set for " + dir + " position should be "
                    + (side > 0 ? "lower" : "higher") + " than base_price:" + Formats.plain(base, 8));
    }
}
