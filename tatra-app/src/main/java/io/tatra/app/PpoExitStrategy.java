package io.tatra.app;

import io.tatra.decision.TradeDecision;
import io.tatra.market.BarSeries;
import io.tatra.market.Symbol;
import io.tatra.ppo.ActorCritic;
import io.tatra.ppo.ExitEnv;
import io.tatra.trading.PortfolioView;
import io.tatra.trading.TargetOrder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A saved PPO exit policy managing a backtest's trades as it managed them in {@link ExitEnv}: on the entry rule's side
 * (the cost-aware policy's, or the direction head's) a trade of {@code entrySize} × equity is entered at the next open;
 * from the close of the bar it filled in, the policy sees the signals and the trade's state — held side, share held,
 * return since entry and give-back from the best close in bar volatilities, bars held over the maximum, the trailing
 * stop's distance, whether the entry rule still agrees — and chooses the exit (hold, close half, close all) and the
 * trailing stop (keep, or 1 / 2 / 4 volatilities from the close; tighter only, {@link TargetOrder#trail}). After
 * {@code maxBars} decisions the rest is closed at the next open (the environment closes it at that close: its episode
 * ends there). The next trade starts on the first entry signal after one ends; the environment's evaluation spaces
 * its trades by their longest length instead, to compare rules on the same trades. State is keyed on bar time.
 *
 * <p>On a venue (paper, live) the trailing stop goes out as Bybit's trading-stop, the entry price and stop are the
 * venue's position's ({@code LiveEngine.Holding}), and a stop is set at the tick toward the position.
 */
final class PpoExitStrategy extends PpoManager {
    private final double[] trail;
    private final int maxBars;
    private final double entrySize;
    private final PpoTaskService.Side side;
    private final Map<Symbol, Trade> trades = new HashMap<>();

    /** One running trade: its entry signal's bar, side, size and price at the fill, best close so far. */
    private static final class Trade {
        long entryOpen;
        int heldSide;
        boolean filled;
        double entryQty, entryPrice, best;
    }

    PpoExitStrategy(ActorCritic pi, double[] trail, int maxBars, double entrySize, PpoTaskService.Side side, double roundTrip, double medianVolatility,
                    PpoSizingStrategy.DecisionSource source) {
        super(pi, ExitEnv.STATE, "exit", roundTrip, medianVolatility, source);
        if (pi.dims().length != 2 || pi.dims()[0] != 3 || pi.dims()[1] != 1 + trail.length)
            throw new IllegalArgumentException("the policy chooses among " + java.util.Arrays.toString(pi.dims()) + " actions, not {3 exits, " + (1 + trail.length) + " stops}");
        this.trail = trail.clone();
        this.maxBars = maxBars;
        this.entrySize = entrySize;
        this.side = side;
    }

    @Override
    public List<TargetOrder> orders(BarSeries history, int index, PortfolioView portfolio, TradeDecision d) {
        if (d == null) return List.of();
        Symbol s = history.symbol();
        long t = history.openTimeMillis(index), step = history.interval().millis();
        String id = io.tatra.backtest.Journals.id(s, t);
        double[] sig = signals(d);
        double sigma = d.traced("volatility"), close = history.close(index), qty = portfolio.position(s);
        int rule = side == PpoTaskService.Side.COST_AWARE ? d.action().sign() : (int) Math.signum(d.traced("p_up") - d.traced("p_down"));
        Trade tr = trades.get(s);
        if (tr == null) { // no trade running: enter on the rule's side
            if (qty != 0 || rule == 0 || !SizingService.Signals.finite(sig)) return List.of();
            tr = new Trade();
            tr.entryOpen = t;
            tr.heldSide = rule;
            trades.put(s, tr);
            return List.of(new TargetOrder(s, rule * entrySize, Double.NaN, Double.NaN, id));
        }
        if (!tr.filled) { // the bar the entry filled in
            tr.filled = true;
            tr.entryQty = Math.abs(qty);
            tr.entryPrice = portfolio.averageEntry(s);
            tr.best = close;
        } else tr.best = tr.heldSide > 0 ? Math.max(tr.best, close) : Math.min(tr.best, close);
        long held = (t - tr.entryOpen) / step - 1; // decisions made before this one
        if (qty == 0 || held >= maxBars) { // the trade is over: gone (stop, exit), or its decisions used up
            trades.remove(s);
            return qty == 0 ? List.of() : List.of(TargetOrder.flat(s, id));
        }
        if (!SizingService.Signals.finite(sig) || !(sigma > 0)) return List.of();
        int w = sig.length;
        double[] o = java.util.Arrays.copyOf(sig, w + ExitEnv.STATE);
        double stop = portfolio.stopPrice(s);
        o[w] = tr.heldSide;
        o[w + 1] = tr.entryQty == 0 ? 0 : Math.abs(qty) / tr.entryQty;
        o[w + 2] = clip(tr.heldSide * Math.log(close / tr.entryPrice) / sigma);
        o[w + 3] = held / (double) maxBars;
        o[w + 4] = clip(tr.heldSide * Math.log(tr.best / close) / sigma);
        o[w + 5] = Double.isNaN(stop) ? 0 : clip(Math.abs(Math.log(close / stop)) / sigma);
        o[w + 6] = rule == 0 ? 0 : rule == tr.heldSide ? 1 : -1;
        int[] a = pi.evaluate(o).greedy();
        double target = a[0] == ExitEnv.HOLD ? Double.NaN : a[0] == ExitEnv.CLOSE_ALL ? 0 : qty * close / portfolio.equity() / 2;
        double stopPrice = a[1] == 0 || target == 0 ? Double.NaN : close * (1 - tr.heldSide * trail[a[1] - 1] * sigma); // no stop for a closed trade
        if (Double.isNaN(target) && Double.isNaN(stopPrice)) return List.of();
        return List.of(new TargetOrder(s, target, Double.NaN, Double.NaN, id, stopPrice));
    }

    private static double clip(double v) { return Math.max(-10, Math.min(10, v)); }
}
