package io.tatra.live;

import io.tatra.market.Symbol;
import io.tatra.trading.ExitReason;
import io.tatra.trading.Trade;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The trades a venue's fills made, in the backtest's {@link Trade} terms, so that a live or paper run journals its
 * outcomes like a backtest does: a trade opens with a fill when flat and closes when the position is flat again
 * (a fill that crosses zero closes one trade and opens the next). Prices are quantity-weighted; fees are the fills'
 * fees, funding the settlements paid while open (income positive), and the exit reason the closing fill's kind.
 * A position still open at the end makes no trade.
 */
public final class FillTrades {
    private FillTrades() {}

    /** What a fill was: an order's, a protective order's, or a funding settlement (no position change). */
    public enum Kind { TRADE, STOP_LOSS, TAKE_PROFIT, FUNDING }

    /**
     * One execution. {@code side} +1 buy, −1 sell; {@code fee} paid (negative: received), for funding the settlement.
     */
    public record Fill(Symbol symbol, String orderLinkId, int side, double price, double qty, double fee, Kind kind, long time) {
        public Fill {
            if (side != 1 && side != -1) throw new IllegalArgumentException("a fill's side is +1 or -1");
            if (!(qty >= 0) || !(price > 0)) throw new IllegalArgumentException("a fill needs a price > 0 and a quantity >= 0");
        }
    }

    /** @param decisionOf the decision id an orderLinkId carries out, or null when unknown */
    public static List<Trade> of(List<Fill> fills, Function<String, String> decisionOf) {
        Map<Symbol, Open> open = new HashMap<>();
        List<Trade> out = new ArrayList<>();
        for (Fill f : fills) {
            Open o = open.get(f.symbol());
            if (f.kind() == Kind.FUNDING) {
                if (o != null) o.funding -= f.fee();
                continue;
            }
            double left = f.qty();
            double feePerUnit = f.qty() > 0 ? f.fee() / f.qty() : 0;
            if (o != null && o.side != f.side()) { // reduces (and may close, or flip)
                double closed = Math.min(left, o.qty - o.exitQty);
                o.exitValue += closed * f.price();
                o.exitQty += closed;
                o.fees += closed * feePerUnit;
                left -= closed;
                if (o.exitQty >= o.qty - 1e-12) {
                    out.add(o.trade(f, decisionOf));
                    open.remove(f.symbol());
                    o = null;
                }
            }
            if (left > 1e-12) {
                if (o == null) {
                    o = new Open(f.symbol(), f.side(), f.time(), f.orderLinkId());
                    open.put(f.symbol(), o);
                }
                o.entryValue += left * f.price();
                o.qty += left;
                o.fees += left * feePerUnit;
            }
        }
        return out;
    }

    private static final class Open {
        final Symbol symbol;
        final int side;
        final long entryTime;
        final String link;
        double qty, entryValue, exitQty, exitValue, fees, funding;

        Open(Symbol symbol, int side, long entryTime, String link) {
            this.symbol = symbol;
            this.side = side;
            this.entryTime = entryTime;
            this.link = link;
        }

        Trade trade(Fill closing, Function<String, String> decisionOf) {
            double entry = entryValue / qty, exit = exitValue / exitQty;
            ExitReason reason = switch (closing.kind()) {
                case STOP_LOSS -> ExitReason.STOP_LOSS;
                case TAKE_PROFIT -> ExitReason.TAKE_PROFIT;
                default -> ExitReason.SIGNAL;
            };
            double pnl = side * (exit - entry) * qty - fees + funding;
            String decision = link == null || link.isEmpty() ? null : decisionOf.apply(link);
            return new Trade(symbol, side, qty, Instant.ofEpochMilli(entryTime), entry, Instant.ofEpochMilli(closing.time()), exit, fees, funding, pnl, reason, decision);
        }
    }
}
