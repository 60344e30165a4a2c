package io.tatra.trading;

import io.tatra.dataset.Normalization;
import io.tatra.decision.FusionPolicy;
import io.tatra.decision.HeadOutputs;
import io.tatra.decision.TradeDecision;
import io.tatra.features.Feature;
import io.tatra.features.FeatureConfig;
import io.tatra.features.FeatureStream;
import io.tatra.features.MarketFrame;
import io.tatra.forecast.Forecast;
import io.tatra.forecast.Forecaster;
import io.tatra.market.BarSeries;
import io.tatra.market.FundingRate;
import io.tatra.market.OpenInterest;
import io.tatra.market.OrderBookSnapshot;
import io.tatra.market.Symbol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The model as a strategy, deciding bar by bar as it would live: each closed bar goes through the symbol's
 * {@link FeatureStream}, is normalized with the model's saved (training-only) normalization into a rolling window,
 * and once the window is complete and gap-free the forecaster's {@link Forecast} is fused into a
 * {@link TradeDecision}, which {@link DecisionOrders} turns into target orders. The same object runs in the
 * backtest, on the paper exchange and live.
 *
 * <p>Exchange events (funding, open interest, order books) come from {@code events} frames, fed up to each bar's
 * close; a live engine calls {@link #onFunding} and friends as they arrive instead.
 */
public final class ModelStrategy implements Strategy {
    /** Sees every decision with the bar it was taken at (journals, the live engine's log). */
    @FunctionalInterface
    public interface DecisionListener {
        void onDecision(Symbol symbol, long barOpenTime, Forecast forecast, TradeDecision decision);
    }

    /** Sees each bar's raw (not normalized) feature row as it is computed: feature snapshots for the journals. */
    @FunctionalInterface
    public interface FeatureListener {
        /** @param row the features in {@link Feature} order, NaN where undefined; valid during the call only */
        void onFeatures(Symbol symbol, long barOpenTime, double[] row);
    }

    private final Forecaster forecaster;
    private FeatureListener featureListener;
    private final Normalization normalization;
    private final FeatureConfig features;
    private final int window, horizon, need;
    private final FusionPolicy fusion;
    private final Map<Symbol, MarketFrame> events;
    private final DecisionListener listener;
    private final Map<Symbol, State> states = new HashMap<>();
    private final Map<Symbol, List<Object>> pending = new HashMap<>();
    private final float[] input;
    private HoldingRules rules;

    /**
     * @param window  bars per input window (the model card's)
     * @param horizon the forecast horizon in bars (stops and sizes scale with it)
     * @param events  per symbol, a frame whose funding, open interest and books are fed as of each bar's close (may be empty)
     * @param listener may be null
     */
    public ModelStrategy(Forecaster forecaster, Normalization normalization, FeatureConfig features, int window, int horizon, FusionPolicy fusion,
                         Map<Symbol, MarketFrame> events, DecisionListener listener) {
        if (forecaster == null || normalization == null || features == null || fusion == null) throw new IllegalArgumentException("forecaster, normalization, features and fusion are required");
        if (window < 1 || horizon < 1) throw new IllegalArgumentException("window and horizon must be >= 1 bar");
        this.forecaster = forecaster;
        this.normalization = normalization;
        this.features = features;
        this.window = window;
        this.horizon = horizon;
        this.need = Feature.maxWarmup() + window - 1;
        this.fusion = fusion;
        this.events = events == null ? Map.of() : Map.copyOf(events);
        this.listener = listener;
        this.input = new float[window * Feature.COUNT];
    }

    /** From now on, every bar's raw feature row also goes to {@code l} (null: none); returns this strategy. */
    public ModelStrategy withFeatureListener(FeatureListener l) {
        this.featureListener = l;
        return this;
    }

    /** From now on every decision passes the holding rules before it becomes orders; returns this strategy. */
    public ModelStrategy withHoldingRules(HoldingRules r) {
        this.rules = r;
        return this;
    }

    /** A funding settlement as it arrives (live); one before the symbol's first bar is kept until that bar. */
    public void onFunding(FundingRate f) { if (!early(f.symbol(), f)) states.get(f.symbol()).stream.onFunding(f); }

    public void onOpenInterest(OpenInterest o) { if (!early(o.symbol(), o)) states.get(o.symbol()).stream.onOpenInterest(o); }

    public void onBook(OrderBookSnapshot b) { if (!early(b.symbol(), b)) states.get(b.symbol()).stream.onBook(b); }

    /** Keeps an event that came before the symbol's first bar (its feature stream needs the bar's interval); true if kept. */
    private boolean early(Symbol s, Object event) {
        if (states.containsKey(s)) return false;
        pending.computeIfAbsent(s, k -> new java.util.ArrayList<>()).add(event);
        return true;
    }

    @Override
    public List<TargetOrder> onBar(BarSeries history, int index, PortfolioView portfolio) {
        return orders(history, index, portfolio, decide(history, index));
    }

    /**
     * The orders decision {@code d} at bar {@code index} makes, after the holding rules (if any): what {@link #onBar}
     * returns, for a caller that decided (and journaled) first. None for a null decision.
     */
    public List<TargetOrder> orders(BarSeries history, int index, PortfolioView portfolio, TradeDecision d) {
        if (d == null) return List.of();
        Symbol s = history.symbol();
        if (rules != null) d = rules.apply(s, d, portfolio.position(s));
        if (d == null) return List.of();
        return DecisionOrders.orders(s, d, portfolio.position(s), DecisionOrders.id(s, history.openTimeMillis(index)));
    }

    /** Consumes bar {@code index} (each bar once, in order) and returns the decision at its close, or null while the window is incomplete. */
    public TradeDecision decide(BarSeries history, int index) {
        Forecast fc = forecast(history, index);
        if (fc == null) return null;
        TradeDecision d = fusion.decide(fc, horizon);
        if (listener != null) listener.onDecision(history.symbol(), history.openTimeMillis(index), fc, d);
        return d;
    }

    /** Consumes bar {@code index} and returns the forecaster's output at its close (no fusion), or null while the window is incomplete. */
    public Forecast forecast(BarSeries history, int index) {
        return observe(history, index) ? forecaster.forecast(input) : null;
    }

    /**
     * Consumes bar {@code index} without forecasting (warming up on history); true when its window is complete,
     * and the window is then ready for a forecast.
     */
    public boolean observe(BarSeries history, int index) {
        Symbol s = history.symbol();
        State st = state(s, history);
        long open = history.openTimeMillis(index);
        if (open <= st.lastOpen) throw new IllegalArgumentException(s + ": bar at " + history.openTime(index) + " is not after the previous one; feed each bar once, in order");
        st.lastOpen = open;
        st.feedEvents(open + history.interval().millis());
        double[] row = st.stream.onBar(history.bar(index));
        if (featureListener != null) featureListener.onFeatures(s, open, row);
        int slot = st.next;
        st.next = (st.next + 1) % window;
        // the batch path stores features as float32 before normalizing; so does this one, for identical inputs
        for (int f = 0; f < Feature.COUNT; f++) st.ring[slot * Feature.COUNT + f] = normalization.apply(f, (float) row[f]);
        if (st.stream.runIndex() < need) return false;
        fillInput(st);
        return true;
    }

    /**
     * One throw-away pass for another thread (pre-close warming): the forecaster and the fusion on a copy of the
     * current input window, taken now; it changes no decision and shares no buffer with this strategy, so it may run
     * while this strategy decides — when the forecaster is thread-safe (the unified model's is).
     */
    public Runnable warmPass() {
        float[] copy = input.clone();
        return () -> fusion.decide(forecaster.forecast(copy), horizon);
    }

    /** Copies a symbol's ring, oldest step first, into the input window. */
    private void fillInput(State st) {
        for (int k = 0; k < window; k++) {
            int from = (st.next + k) % window;
            System.arraycopy(st.ring, from * Feature.COUNT, input, k * Feature.COUNT, Feature.COUNT);
        }
    }

    /** Bars a window needs in one gap-free run: the features' warm-up plus the window. */
    public int barsNeeded() { return need + 1; }

    private State state(Symbol s, BarSeries history) {
        State st = states.get(s);
        if (st == null) {
            if (history == null) throw new IllegalArgumentException("no bars of " + s + " yet");
            st = new State(new FeatureStream(s, history.interval(), features), events.get(s));
            states.put(s, st);
            for (Object e : pending.getOrDefault(s, List.of())) {
                if (e instanceof FundingRate f) st.stream.onFunding(f);
                else if (e instanceof OpenInterest o) st.stream.onOpenInterest(o);
                else if (e instanceof OrderBookSnapshot b) st.stream.onBook(b);
            }
            pending.remove(s);
        }
        return st;
    }

    private final class State {
        final FeatureStream stream;
        final MarketFrame events;
        final float[] ring = new float[window * Feature.COUNT];
        int next, funding, openInterest, books;
        long lastOpen = Long.MIN_VALUE;

        State(FeatureStream stream, MarketFrame events) {
            this.stream = stream;
            this.events = events;
        }

        /** Feeds the frame's events stamped at or before {@code until} (a bar's close). */
        void feedEvents(long until) {
            if (events == null) return;
            while (funding < events.funding().size() && events.funding().get(funding).time().toEpochMilli() <= until) stream.onFunding(events.funding().get(funding++));
            while (openInterest < events.openInterest().size() && events.openInterest().get(openInterest).time().toEpochMilli() <= until)
                stream.onOpenInterest(events.openInterest().get(openInterest++));
            while (books < events.books().size() && events.books().get(books).time().toEpochMilli() <= until) stream.onBook(events.books().get(books++));
        }
    }
}
