package io.tatra.backtest;

import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.market.FundingRate;
import io.tatra.market.Symbol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The event-driven backtester. Bars of all symbols are replayed in time order; for each symbol's bar:
 * <ol>
 *   <li>funding settled at or before the bar's open is paid on the position held before it (perpetuals with data);</li>
 *   <li>the pending order from the previous bar's signal fills at this bar's open ({@link FillTiming#NEXT_OPEN}),
 *       with slippage and the taker fee, within the position and leverage limits;</li>
 *   <li>stop loss and take profit are checked against the bar's range; a gap through a level fills at the open;
 *       when both levels lie inside one bar, finer bars decide if given, otherwise the stop (the worse case);</li>
 *   <li>the bar closes: the strategy sees it and may return orders for the next bar.</li>
 * </ol>
 * At the end every position is closed at its last close, with costs.
 */
public final class Backtester {
    /** Trailing bars for the slippage model's volatility. */
    static final int SIGMA_BARS = 24;

    private final BacktestConfig cfg;

    public Backtester(BacktestConfig cfg) { this.cfg = cfg; }

    public BacktestResult run(List<MarketFrame> frames, Strategy strategy) { return run(frames, Map.of(), strategy); }

    /** @param finer per symbol, bars of a smaller interval used only to order a stop and take profit hit in the same bar */
    public BacktestResult run(List<MarketFrame> frames, Map<Symbol, BarSeries> finer, Strategy strategy) {
        if (frames.isEmpty()) throw new IllegalArgumentException("nothing to backtest: no symbols");
        State st = new State(frames);
        int m = frames.size();
        BarSeries[] series = new BarSeries[m];
        long[][] opens = new long[m][];
        int[] next = new int[m];
        int total = 0;
        for (int s = 0; s < m; s++) {
            series[s] = frames.get(s).bars();
            opens[s] = series[s].openTimeArray();
            total += series[s].size();
        }
        long[] times = new long[total];
        double[] equity = new double[total], exposure = new double[total];
        int points = 0;
        while (true) {
            long t = Long.MAX_VALUE;
            for (int s = 0; s < m; s++) if (next[s] < series[s].size()) t = Math.min(t, opens[s][next[s]]);
            if (t == Long.MAX_VALUE) break;
            for (int s = 0; s < m; s++) {
                if (next[s] >= series[s].size() || opens[s][next[s]] != t) continue;
                int i = next[s]++;
                BarSeries b = series[s];
                st.funding(s, t, b.open(i));
                TargetOrder pending = st.pending[s];
                if (pending != null) {
                    st.pending[s] = null;
                    st.execute(s, pending, b.open(i), st.sigma(s, i - 1), b.openTime(i));
                }
                st.exits(s, b, i, finer.get(b.symbol()));
                st.last[s] = b.close(i);
                List<TargetOrder> orders = strategy.onBar(b, i, st);
                if (orders == null) continue;
                for (TargetOrder o : orders) {
                    if (st.index(o.symbol()) != s) throw new IllegalArgumentException("a strategy called for " + b.symbol() + " returned an order for " + o.symbol());
                    if (cfg.timing() == FillTiming.SIGNAL_CLOSE) st.execute(s, o, b.close(i), st.sigma(s, i), closeTime(b, i));
                    else st.pending[s] = o;
                }
            }
            times[points] = t;
            double e = st.equity();
            equity[points] = e;
            exposure[points++] = st.gross() / Math.max(e, 1e-12);
        }
        for (int s = 0; s < frames.size(); s++) {
            BarSeries b = frames.get(s).bars();
            Position p = st.positions[s];
            if (p.qty != 0) st.trade(s, -p.qty, b.close(b.size() - 1), st.sigma(s, b.size() - 1), closeTime(b, b.size() - 1), ExitReason.END_OF_DATA, null);
        }
        if (points > 0) {
            equity[points - 1] = st.equity();
            exposure[points - 1] = 0;
        }
        return new BacktestResult(cfg.capital(), java.util.Arrays.copyOf(times, points), java.util.Arrays.copyOf(equity, points),
                java.util.Arrays.copyOf(exposure, points), st.closed, st.fees, st.fundingPaid, st.turnover);
    }

    private static Instant closeTime(BarSeries b, int i) { return Instant.ofEpochMilli(b.openTimeMillis(i) + b.interval().millis()); }

    /** The portfolio while the replay runs. */
    private final class State implements PortfolioView {
        final List<MarketFrame> frames;
        final Position[] positions;
        final double[] last;
        final int[] fundingNext;
        final TargetOrder[] pending;
        final Map<Symbol, Integer> bySymbol = new HashMap<>();
        final List<Trade> closed = new ArrayList<>();
        double cash = cfg.capital(), fees, fundingPaid, turnover;

        State(List<MarketFrame> frames) {
            this.frames = frames;
            positions = new Position[frames.size()];
            last = new double[frames.size()];
            fundingNext = new int[frames.size()];
            pending = new TargetOrder[frames.size()];
            for (int s = 0; s < frames.size(); s++) {
                Symbol sym = frames.get(s).bars().symbol();
                if (bySymbol.put(sym, s) != null) throw new IllegalArgumentException(sym + " appears twice");
                positions[s] = new Position(sym);
                last[s] = Double.NaN;
            }
        }

        int index(Symbol s) {
            Integer i = bySymbol.get(s);
            if (i == null) throw new IllegalArgumentException("order for " + s + ", which is not in the backtest");
            return i;
        }

        @Override public double equity() {
            double e = cash;
            for (int s = 0; s < positions.length; s++) if (positions[s].qty != 0) e += positions[s].qty * last[s];
            return e;
        }

        @Override public double position(Symbol symbol) { return positions[index(symbol)].qty; }

        double gross() {
            double g = 0;
            for (int s = 0; s < positions.length; s++) if (positions[s].qty != 0) g += Math.abs(positions[s].qty * last[s]);
            return g;
        }

        /** Pays every funding settlement up to {@code time} on the position held before this bar's fills. */
        void funding(int s, long time, double price) {
            List<FundingRate> f = frames.get(s).funding();
            while (fundingNext[s] < f.size() && f.get(fundingNext[s]).time().toEpochMilli() <= time) {
                FundingRate r = f.get(fundingNext[s]++);
                Position p = positions[s];
                if (p.qty == 0) continue;
                double pay = p.qty * price * r.rate();
                cash -= pay;
                fundingPaid += pay;
                p.payFunding(pay);
            }
        }

        void execute(int s, TargetOrder o, double price, double sigma, Instant time) {
            last[s] = Double.isNaN(last[s]) ? price : last[s];
            double eq = equity();
            double target = Math.max(-cfg.maxPosition(), Math.min(cfg.maxPosition(), o.fraction())) * eq;
            double others = gross() - Math.abs(positions[s].qty * last[s]);
            double room = Math.max(0, cfg.leverageCap() * eq - others);
            if (Math.abs(target) > room) target = Math.signum(target) * room;
            double delta = target / price - positions[s].qty;
            if (Math.abs(delta * price) < 1e-9 * Math.max(eq, 1)) delta = 0;
            Position p = positions[s];
            boolean wasOpen = p.qty != 0;
            int before = (int) Math.signum(p.qty);
            trade(s, delta, price, sigma, time, ExitReason.SIGNAL, o.decisionId());
            int after = (int) Math.signum(p.qty);
            if (after != 0 && (!wasOpen || after != before || Math.abs(delta) > 0 && Math.signum(delta) == after)) {
                p.stop = Double.isNaN(o.stopLoss()) ? Double.NaN : p.avgEntry * (1 - after * o.stopLoss());
                p.take = Double.isNaN(o.takeProfit()) ? Double.NaN : p.avgEntry * (1 + after * o.takeProfit());
            }
        }

        /** Fills {@code delta} units near {@code price}: slippage against the trader, taker fee on the fill's notional. */
        void trade(int s, double delta, double price, double sigma, Instant time, ExitReason reason, String decision) {
            if (delta == 0) return;
            double fill = price * (1 + Math.signum(delta) * cfg.costs().slippage(sigma));
            double fee = Math.abs(delta) * fill * cfg.costs().takerFee();
            cash += positions[s].fill(delta, fill, fee, time, reason, decision, closed);
            fees += fee;
            turnover += Math.abs(delta) * fill;
            last[s] = Double.isNaN(last[s]) ? price : last[s];
        }

        /** Stop loss / take profit inside bar i. */
        void exits(int s, BarSeries b, int i, BarSeries fine) {
            Position p = positions[s];
            if (p.qty == 0 || (Double.isNaN(p.stop) && Double.isNaN(p.take))) return;
            int side = (int) Math.signum(p.qty);
            double open = b.open(i);
            boolean stopHit = !Double.isNaN(p.stop) && (side > 0 ? b.low(i) <= p.stop : b.high(i) >= p.stop);
            boolean takeHit = !Double.isNaN(p.take) && (side > 0 ? b.high(i) >= p.take : b.low(i) <= p.take);
            if (!stopHit && !takeHit) return;
            Instant t = b.openTime(i);
            if (stopHit && (side > 0 ? open <= p.stop : open >= p.stop)) { trade(s, -p.qty, open, sigma(s, i - 1), t, ExitReason.STOP_LOSS, null); return; }
            if (takeHit && (side > 0 ? open >= p.take : open <= p.take)) { trade(s, -p.qty, open, sigma(s, i - 1), t, ExitReason.TAKE_PROFIT, null); return; }
            boolean stopFirst = stopHit;
            if (stopHit && takeHit && fine != null) {
                Boolean order = firstInFinerBars(fine, b.openTimeMillis(i), b.openTimeMillis(i) + b.interval().millis(), p, side);
                if (order != null) stopFirst = order;
            }
            double level = stopFirst ? p.stop : p.take;
            trade(s, -p.qty, level, sigma(s, i - 1), closeTime(b, i), stopFirst ? ExitReason.STOP_LOSS : ExitReason.TAKE_PROFIT, null);
        }

        /** True if the stop comes first in the finer bars, false for the take profit, null if they cannot tell (same sub-bar or no data). */
        private Boolean firstInFinerBars(BarSeries fine, long from, long to, Position p, int side) {
            for (int k = 0; k < fine.size(); k++) {
                long t = fine.openTimeMillis(k);
                if (t < from) continue;
                if (t >= to) break;
                boolean sh = side > 0 ? fine.low(k) <= p.stop : fine.high(k) >= p.stop, th = side > 0 ? fine.high(k) >= p.take : fine.low(k) <= p.take;
                if (sh && th) return null;
                if (sh) return true;
                if (th) return false;
            }
            return null;
        }

        /** Standard deviation of the last {@link #SIGMA_BARS} one-bar log returns ending at bar i (NaN when too few). */
        double sigma(int s, int i) {
            if (cfg.costs().volMultiple() == 0 || i < SIGMA_BARS) return Double.NaN;
            BarSeries b = frames.get(s).bars();
            double sum = 0, sq = 0;
            for (int k = i - SIGMA_BARS + 1; k <= i; k++) {
                double r = Math.log(b.close(k) / b.close(k - 1));
                sum += r;
                sq += r * r;
            }
            return Math.sqrt(Math.max(0, (sq - sum * sum / SIGMA_BARS) / (SIGMA_BARS - 1)));
        }
    }
}
