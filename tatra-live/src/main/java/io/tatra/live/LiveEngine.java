package io.tatra.live;

import io.tatra.bybit.protocol.Instrument;
import io.tatra.bybit.protocol.Kline;
import io.tatra.bybit.protocol.OrderLinkId;
import io.tatra.bybit.protocol.OrderRequest;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.risk.RiskCheck;
import io.tatra.risk.RiskLimits;
import io.tatra.trading.PortfolioView;
import io.tatra.trading.Strategy;
import io.tatra.trading.TargetOrder;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The live loop for one venue account: each closed bar (from {@link ClosedBarFeed}) goes to the same {@link Strategy}
 * object the backtest runs, over a rolling window of recent bars; its targets are sized by {@link OrderPlanner} with the
 * risk check, checked against the {@link KillSwitch}, and sent to the venue (or, in dry run, only recorded). Every
 * stage is timed by the {@link LatencyRecorder}; every decision, refusal and order goes to the {@link Log}. The engine
 * sees the venue only through {@link Venue}. Single-threaded: the caller delivers bars one at a time.
 */
public final class LiveEngine implements AutoCloseable {
    /** What the engine needs from a venue account: its orders ({@link VenueOrders}) and its account ({@link VenueAccount}). */
    public interface Venue extends VenueOrders, VenueAccount {}

    /** What a venue says about a held position beyond its size. */
    public record Holding(double averageEntry, double stopLoss, double takeProfit) {}

    /** Exchange events (funding, open interest) a strategy's features read, delivered up to a bar's close before it is decided. */
    @FunctionalInterface
    public interface BarEvents {
        void upTo(Symbol symbol, long barOpen, long barClose);
    }

    /** Where the engine says what it did (journals, the status file, the log). */
    @FunctionalInterface
    public interface Log {
        void event(String kind, Symbol symbol, long barOpenTime, String detail);
    }

    /** One engine's settings: the bars kept for the strategy, dry run, the risk limits, and the status file (may be null). */
    public record Config(Interval interval, int historyBars, boolean dryRun, RiskLimits risk, java.nio.file.Path statusFile) {
        public Config {
            if (historyBars < 1 || historyBars > 100_000) throw new IllegalArgumentException("historyBars must be 1..100000");
            if (interval == null || risk == null) throw new IllegalArgumentException("interval and risk limits are required");
        }

        public Config(Interval interval, int historyBars, boolean dryRun, RiskLimits risk) { this(interval, historyBars, dryRun, risk, null); }
    }

    private final Config cfg;
    private final Strategy strategy;
    private final Venue venue;
    private final Map<Symbol, Instrument> instruments;
    private final KillSwitch kill;
    private final LatencyRecorder latency;
    private final Log log;
    private final LongSupplier nanos;
    private final RiskCheck risk;
    private final BarWindows windows;
    private OrderLog orders;
    private TargetJournal decisions;
    private BarEvents events = (s, o, c) -> {};
    private final List<OrderLog.Entry> adopted = new ArrayList<>();
    private long currentBar = Long.MIN_VALUE;
    private Symbol currentSymbol;
    private Symbol lastSymbol;
    private Kline lastBar;
    private final EngineAccount account;
    private boolean flattened;
    private long bars, sent, refused, dryRuns, errors, warmUps;
    private final StopMoves stops;

    public LiveEngine(Config cfg, Strategy strategy, Venue venue, Map<Symbol, Instrument> instruments, KillSwitch kill, LatencyRecorder latency, Log log,
                      LongSupplier nanos) {
        this.cfg = cfg;
        this.strategy = strategy;
        this.venue = venue;
        this.instruments = Map.copyOf(instruments);
        this.kill = kill;
        this.latency = latency;
        this.log = log;
        this.nanos = nanos;
        this.risk = new RiskCheck(cfg.risk());
        this.account = new EngineAccount(venue, nanos);
        this.windows = new BarWindows(cfg.interval(), cfg.historyBars());
        this.stops = new StopMoves(venue, log, cfg.dryRun());
    }

    /** Feeds exchange events (a {@link RateFeed}) to the strategy before each bar; returns this engine. */
    public LiveEngine withEvents(BarEvents e) {
        this.events = e;
        return this;
    }

    /**
     * A bar of history before trading starts: the strategy sees it exactly as a live bar (its features and windows
     * warm up), but nothing it asks for is sent or journaled. Bars must come in order, before the first live bar.
     */
    public void warmUp(Symbol symbol, Kline bar) {
        if (bars > 0) throw new IllegalStateException("warm-up after the first live bar");
        BarSeries series = push(symbol, bar);
        account.mark(symbol.value(), bar.close().doubleValue());
        events.upTo(symbol, bar.startTime(), bar.startTime() + cfg.interval().millis());
        strategy.onBar(series, series.size() - 1, view());
        warmUps++;
    }

    private BarSeries push(Symbol symbol, Kline bar) { return windows.push(symbol, bar); }

    /**
     * Compares what the engine expects (positions and open orders, from its journal) with what the venue reports now;
     * every difference beyond one quantity step is listed. The engine's own view becomes the venue's.
     */
    public List<Reconciliation.Difference> reconcile(Reconciliation.State expected) {
        Map<String, BigDecimal> steps = new HashMap<>();
        for (Instrument in : instruments.values()) steps.put(in.symbol(), in.qtyStep());
        return Reconciliation.compare(expected, account.reconcile(), steps);
    }

    /** Orders {@link #recover} found at the venue: sent before a crash, answered after it. */
    public List<OrderLog.Entry> adopted() { return List.copyOf(adopted); }

    /** Trips the kill switch from inside (a reconciliation difference, an operator command) and says why. */
    public void trip(KillSwitch.Policy policy, String why) {
        kill.trip(policy);
        log.event("halted", null, 0, why + "; kill switch: " + policy.name().toLowerCase());
    }

    /**
     * At start, after {@link #recover}: what the folder's last status says the venue held, plus the orders recovery
     * adopted (market orders sent just before a crash, filled after that status was written), against the venue now.
     */
    public List<Reconciliation.Difference> reconcileWithLastStatus(java.nio.file.Path statusFile) {
        return reconcile(Reconciliation.expected(LiveStatus.lastState(statusFile), adopted));
    }

    /** The positions and open orders as the venue last reported them. */
    public Reconciliation.State state() { return account.state(); }

    /**
     * Opens the write-ahead order log and settles what a crash left in it: each order whose intent has no ack is looked
     * up at the venue by its orderLinkId, adopted if the venue has it, abandoned if not; nothing is sent again. Returns
     * one line per settled order. Call once before the first bar (dry runs need no log).
     */
    public List<String> recover(java.nio.file.Path orderLog) {
        OrderLog.Recovery r = OrderLog.recover(orderLog, venue::hasOrder, log);
        orders = r.log();
        adopted.addAll(r.adopted());
        account.reconcile();
        return r.lines();
    }

    /** Journals every target the strategy returns ({@link TargetJournal}); a model strategy's own listener can add its forecast. */
    public void journalDecisions(java.nio.file.Path file) { decisions = new TargetJournal(file); }

    private void journal(TargetOrder t, Kline bar) {
        if (decisions != null) decisions.append(t, bar.startTime() + cfg.interval().millis(), bar.close().doubleValue());
    }

    /**
     * One closed bar of {@code symbol}, received at {@code receivedNanos}. A failure on the way (the venue unreachable
     * after its retries, a refused order) is logged and trips the kill switch to stop-opening: the engine never goes on
     * trading blind after an error it did not understand.
     */
    public void onClosedBar(Symbol symbol, Kline bar, long receivedNanos) {
        bars++;
        LatencyRecorder.Trace trace = latency.start(receivedNanos);
        try {
            handle(symbol, bar, trace);
            if (account.waited() >= 0) trace.waitedForAccount(account.waited());
            account.barEnds(); // the bar's read taken in, or a refresh after an order or a stop move: the status and the next bar see it
        } catch (RuntimeException e) {
            account.barFailed();
            errors++;
            kill.trip(KillSwitch.Policy.STOP_OPENING);
            log.event("error", symbol, bar.startTime(), e.getClass().getSimpleName() + ": " + e.getMessage() + "; the kill switch now allows only reducing orders");
        }
        lastSymbol = symbol;
        lastBar = bar;
        if (cfg.statusFile() != null) writeStatus(symbol, bar);
    }

    /** The status file ({@code tatra live status} reads it): counts, the kill switch, the last bar, latency per stage. Written atomically. */
    private void writeStatus(Symbol symbol, Kline bar) {
        KillSwitch.Policy k = kill.check();
        var counts = new LiveStatus.Counts(bars, warmUps, sent, refused, dryRuns + stops.dryRuns(), errors, k == null ? "off" : k.name().toLowerCase(), cfg.dryRun(),
                symbol.value() + " " + java.time.Instant.ofEpochMilli(bar.startTime()), bar.startTime() + cfg.interval().millis());
        try {
            LiveStatus.write(cfg.statusFile(), counts, account.state(), latency.snapshot());
        } catch (RuntimeException e) {
            log.event("status-not-written", symbol, bar.startTime(), e.getMessage());
        }
    }

    private void handle(Symbol symbol, Kline bar, LatencyRecorder.Trace trace) {
        Instrument in = instruments.get(symbol);
        if (in == null) throw new IllegalArgumentException("no instrument for " + symbol);
        currentBar = bar.startTime();
        currentSymbol = symbol;
        BarSeries series = push(symbol, bar);
        // a stop or take profit may have filled since the last read: unless the account view vouches for positions and
        // equity, they are read, in parallel with the events and the model; the strategy and the planner wait for them
        // only when they need them
        account.barStarts(symbol.value(), bar, bar.startTime() + cfg.interval().millis());
        trace.mark(LatencyRecorder.Stage.BAR_CLOSED, nanos.getAsLong());
        events.upTo(symbol, bar.startTime(), bar.startTime() + cfg.interval().millis());
        trace.mark(LatencyRecorder.Stage.FEATURES, nanos.getAsLong());
        KillSwitch.Policy stop = kill.check();
        if (stop == KillSwitch.Policy.FLATTEN) {
            account.position(symbol.value()); // this bar's read, if any, in
            flatten(bar, in);
            return;
        }
        List<TargetOrder> targets = strategy.onBar(series, series.size() - 1, view());
        trace.mark(LatencyRecorder.Stage.MODEL, nanos.getAsLong());
        if (targets == null) return;
        List<OrderRequest> orders = new ArrayList<>();
        List<TargetOrder> stopMoves = new ArrayList<>();
        for (TargetOrder t : targets) {
            if (!t.symbol().equals(symbol)) throw new IllegalArgumentException("a strategy called for " + symbol + " returned an order for " + t.symbol());
            if (t.movesStop()) stopMoves.add(t); // after the orders: a partial exit first, then the stop of what is left
            journal(t, bar);
            if (t.keepsPosition()) continue;
            OrderPlanner.Plan plan = OrderPlanner.plan(t, held(symbol), bar.close().doubleValue(), equityAt(symbol, bar.startTime()), account.othersGross(symbol.value(), bar.startTime()), risk, in,
                    bar.startTime() + cfg.interval().millis());
            if (!plan.sends()) {
                refused++;
                log.event("not-sent", symbol, bar.startTime(), t.decisionId() + ": " + plan.reason());
            } else if (stop == KillSwitch.Policy.STOP_OPENING && !plan.order().reduceOnly()) {
                refused++;
                log.event("stopped", symbol, bar.startTime(), t.decisionId() + ": the kill switch allows only reducing orders");
            } else {
                orders.add(plan.order());
            }
        }
        trace.mark(LatencyRecorder.Stage.RISK, nanos.getAsLong());
        for (int i = 0; i < orders.size(); i++) send(orders.get(i), symbol, bar.startTime(), i == 0 ? trace : null); // the first order carries the bar's timing
        long moved = stops.moved();
        for (TargetOrder t : stopMoves) stops.move(t, symbol, held(symbol), bar, in);
        if (stops.moved() != moved) account.ownAction(false);
    }

    private void send(OrderRequest order, Symbol symbol, long barOpen, LatencyRecorder.Trace trace) {
        String what = order.side() + " " + order.qty().toPlainString() + " " + order.symbol() + (order.reduceOnly() ? " reduce-only" : "")
                + (order.stopLoss() != null ? " SL " + order.stopLoss().toPlainString() : "") + (order.takeProfit() != null ? " TP " + order.takeProfit().toPlainString() : "")
                + " [" + order.orderLinkId() + "]";
        if (cfg.dryRun()) {
            dryRuns++;
            log.event("dry-run", symbol, barOpen, "would send " + what);
            return;
        }
        if (orders != null) orders.intent(order.orderLinkId().value(), order.symbol(), order.side().name(), order.qty().toPlainString(), barOpen); // on disk first
        long sentAt = nanos.getAsLong();
        if (trace != null) {
            trace.account(account.known());
            trace.mark(LatencyRecorder.Stage.ORDER_SENT, sentAt);
        }
        String id = venue.place(order);
        if (trace != null) {
            long out = venue.requestOutNanos(), ack = nanos.getAsLong();
            if (out >= sentAt && out <= ack) trace.mark(LatencyRecorder.Stage.REQUEST_OUT, out); // a stamp on another clock is left out
            trace.mark(LatencyRecorder.Stage.ACKNOWLEDGED, ack);
        }
        if (orders != null) orders.ack(order.orderLinkId().value(), order.symbol(), id);
        sent++;
        log.event("sent", symbol, barOpen, what + " → " + id);
        account.ownAction(true);
    }

    /**
     * Applies the kill switch now rather than at the next bar ({@code tatra live stop}): with the flatten policy every
     * position is closed at market at once; with stop-opening nothing is sent. Returns the policy applied, or null when
     * the switch is not tripped.
     */
    public KillSwitch.Policy applyKillSwitch(long nowMillis) {
        KillSwitch.Policy p = kill.check();
        if (p == KillSwitch.Policy.FLATTEN && !flattened) {
            if (!cfg.dryRun()) account.reconcile();
            flatten(nowMillis);
            if (cfg.statusFile() != null && lastBar != null) writeStatus(lastSymbol, lastBar); // the status shows the flat book at once
        }
        return p;
    }

    /** The kill switch's flatten policy: every position closed at market, once. */
    private void flatten(Kline bar, Instrument in) { flatten(bar.startTime()); }

    private void flatten(long at) {
        if (flattened) return;
        flattened = true;
        for (Map.Entry<String, BigDecimal> p : account.state().positions().entrySet()) {
            if (p.getValue().signum() == 0) continue;
            OrderRequest close = new OrderRequest(p.getKey(), p.getValue().signum() > 0 ? OrderRequest.Side.Sell : OrderRequest.Side.Buy, OrderRequest.Type.Market,
                    p.getValue().abs(), null, null, OrderLinkId.of("flatten-" + at + "-" + p.getKey(), 0), true, null, null);
            send(close, Symbol.of(p.getKey()), at, null);
        }
        log.event("halted", null, at, "kill switch: positions flattened, no new orders");
    }

    /**
     * The equity {@code s}'s bar sizes from ({@link EngineAccount#equityAt}): the same for each symbol of a close whatever
     * order their bars arrive in and whatever the first one's fill cost (the backtest sizes them all before any of their
     * fills too).
     */
    private double equityAt(Symbol s, long barOpen) { return account.equityAt(s == null ? null : s.value(), barOpen); }

    /**
     * A stop-loss or take-profit fill the venue's private stream reported; any thread (the stream's). A bar that reached
     * the position's level takes it instead of reading the venue when the fills close the whole position.
     */
    public void onProtectiveFill(AccountView.ProtectiveFill f) { account.onProtectiveFill(f); }

    /** A funding settlement the private stream reported; any thread. The account view takes it off the equity. */
    public void onFundingFee(AccountView.FundingFee f) { account.onFundingFee(f); }

    /** Bars whose positions and equity came from the account view, and bars that read the venue at their start, by reason. */
    public AccountReads accountReads() { return account.counts(); }

    private double held(Symbol s) { return account.position(s.value()); }

    private PortfolioView view() {
        return new PortfolioView() {
            @Override
            public double equity() { return equityAt(currentSymbol, currentBar); }

            @Override
            public double position(Symbol symbol) { return held(symbol); }

            @Override
            public double averageEntry(Symbol symbol) { return holding(symbol, true); }

            @Override
            public double stopPrice(Symbol symbol) { return holding(symbol, false); }
        };
    }

    /** The held position's entry price or stop from this bar's positions read (NaN when flat or unknown). */
    private double holding(Symbol symbol, boolean entry) {
        if (held(symbol) == 0) return Double.NaN;
        Holding h = venue.holding(symbol.value());
        return h == null ? Double.NaN : entry ? h.averageEntry() : h.stopLoss();
    }

    /** Closes the order log and the decision journal (every line is written as it comes; closing forces both to disk). */
    @Override
    public void close() {
        if (cfg.statusFile() != null && lastBar != null) writeStatus(lastSymbol, lastBar); // the last word: what the venue held at the end
        account.close();
        if (orders != null) orders.close();
        if (decisions != null) decisions.close();
    }

    /** Orders sent, plans not sent (refused by the venue's rules or the kill switch), dry-run orders, and bars that failed. */
    public record Counts(long sent, long refused, long dryRuns, long errors) {}

    public Counts counts() { return new Counts(sent, refused, dryRuns + stops.dryRuns(), errors); }

    /** Stop moves sent to the venue. */
    public long stopsMoved() { return stops.moved(); }

    /** Per-stage latency so far (milliseconds: p50, p99, p99.9, max, count). */
    public Map<String, Map<String, Double>> latency() { return latency.snapshot(); }

    /** Live bars handled (warm-up bars not counted). */
    public long bars() { return bars; }
}
