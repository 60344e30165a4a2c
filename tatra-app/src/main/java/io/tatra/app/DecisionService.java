package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.decision.FusionPolicy;
import io.tatra.decision.HeadOutputs;
import io.tatra.decision.TradeDecision;
import io.tatra.features.Feature;
import io.tatra.forecast.Forecast;
import io.tatra.market.BarSeries;
import io.tatra.market.FundingRate;
import io.tatra.market.OpenInterest;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.store.TatraStore;
import io.tatra.trading.ModelStrategy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest forecast and fused decision for a symbol, as {@code tatra predict}, {@code tatra decide} and the live
 * engine need it. Bars go through a rolling {@link ModelStrategy} (feature stream → saved normalization → window):
 * the first call for a symbol warms the stream up on its stored history, and each later call reads and
 * consumes only the bars stored since, so a long-lived service never recomputes the history. Each call opens the
 * store and closes it again: the store's lock is exclusive, and a service holding it between calls would block every
 * import. The live engine feeds bars from its venue stream to the same {@link ModelStrategy} instead.
 */
public final class DecisionService implements AutoCloseable {
    /** The decision (null when the model lacks a core head) and every head's forecast for the window ending at {@code bar}. */
    /**
     * @param trailingVolatility the model's volatility forecasts of the symbol's {@link #REFERENCE_WINDOWS} windows before
     *                           this one (fewer when history is short; empty without a volatility head): the reference
     *                           of the readout's risk score
     */
    public record Latest(Symbol symbol, Instant bar, int horizon, Forecast forecast, TradeDecision decision, double[] trailingVolatility) {
        /** Design document 003's LSTM outputs for this window (a stop 1 σ√h away). */
        public io.tatra.decision.SequenceReadout readout() { return io.tatra.decision.SequenceReadout.of(forecast, horizon, trailingVolatility, 1); }
    }

    /** Windows before the latest whose volatility forecasts rank its risk score. */
    public static final int REFERENCE_WINDOWS = 500;

    private final Path home;
    private final TradingModel model;
    private final FusionPolicy fusion;
    private final Interval interval;
    private final int horizon;
    private final boolean fusable, hasVolatility;
    private ModelStrategy strategy;
    private final Map<Symbol, Long> consumed = new HashMap<>();
    private final Map<Symbol, Latest> last = new HashMap<>();
    private final Map<Symbol, java.util.ArrayDeque<Double>> trailing = new HashMap<>();

    public DecisionService(Path home, Path modelDir, FusionPolicy fusion) {
        this.home = home;
        TradingModel m = TradingModel.open(modelDir);
        this.model = m;
        this.fusion = fusion;
        this.interval = Interval.parse(m.card().interval());
        this.horizon = m.card().labels().horizon();
        this.fusable = m.canDecide();
        this.hasVolatility = m.forecaster().tasks().contains(io.tatra.forecast.CoreTasks.VOLATILITY);
        this.strategy = newStrategy();
    }

    /** Whether the model has the four core heads a decision needs. */
    public boolean canDecide() { return fusable; }

    /** The names of the tasks the model forecasts. */
    public List<String> taskNames() { return model.forecaster().tasks().stream().map(io.tatra.forecast.TaskSpec::name).toList(); }

    /** The latest complete window of {@code symbol} as of {@code to} (null: the latest stored bar). */
    public Latest latest(Symbol symbol, Instant to) {
        Long done = consumed.get(symbol);
        if (done != null && to != null && to.toEpochMilli() <= done) { // asked for the past: start over
            strategy = newStrategy();
            consumed.clear();
            last.clear();
            trailing.clear();
            done = null;
        }
        BarSeries bars;
        List<FundingRate> funding;
        List<OpenInterest> openInterest;
        List<io.tatra.market.OrderBookSnapshot> books;
        try (TatraStore store = TatraStore.openExisting(home)) {
            bars = done == null ? MarketData.load(store, symbol, interval, null, to).bars()
                    : store.candles().read(symbol, interval, Instant.ofEpochMilli(done + 1), to);
            Instant first = bars.isEmpty() ? null : bars.openTime(0), end = bars.isEmpty() ? null : bars.openTime(bars.size() - 1).plus(interval.duration());
            funding = first == null ? List.of() : store.funding().funding(symbol, done == null ? first : Instant.ofEpochMilli(done + interval.millis() + 1), end.plusMillis(1));
            openInterest = first == null ? List.of() : store.openInterest().openInterest(symbol, done == null ? first : Instant.ofEpochMilli(done + interval.millis() + 1), end.plusMillis(1));
            books = first == null || !model.features().books() ? List.<io.tatra.market.OrderBookSnapshot>of()
                    : store.books().read(symbol, done == null ? first : Instant.ofEpochMilli(done + interval.millis() + 1), end.plusMillis(1));
        }
        if (bars.isEmpty() && last.containsKey(symbol)) return last.get(symbol); // nothing new since the last call
        Forecast fc = null;
        long lastOpen = done == null ? Long.MIN_VALUE : done;
        int f = 0, o = 0, b = 0;
        for (int i = 0; i < bars.size(); i++) {
            lastOpen = bars.openTimeMillis(i);
            long close = lastOpen + interval.millis(); // funding and open interest as of the bar's close, as the backtest feeds them
            while (f < funding.size() && funding.get(f).time().toEpochMilli() <= close) strategy.onFunding(funding.get(f++));
            while (o < openInterest.size() && openInterest.get(o).time().toEpochMilli() <= close) strategy.onOpenInterest(openInterest.get(o++));
            while (b < books.size() && books.get(b).time().toEpochMilli() <= close) strategy.onBook(books.get(b++)); // a model trained on books only
            if (i == bars.size() - 1) fc = strategy.forecast(bars, i);
            else if (hasVolatility && i >= bars.size() - 1 - REFERENCE_WINDOWS) {
                Forecast earlier = strategy.forecast(bars, i);
                if (earlier != null) remember(symbol, earlier.value(io.tatra.forecast.CoreTasks.VOLATILITY));
            } else strategy.observe(bars, i);
        }
        consumed.put(symbol, lastOpen);
        if (fc == null) {
            int w = model.card().window();
            throw new TatraException(symbol.value() + " " + interval.code() + ": the latest bars do not form a complete, gap-free window of " + w
                    + " bars after the " + Feature.maxWarmup() + "-bar warm-up (need " + (Feature.maxWarmup() + w) + " consecutive bars)");
        }
        TradeDecision d = fusable ? fusion.decide(fc, horizon) : null;
        double[] reference = trailing.getOrDefault(symbol, new java.util.ArrayDeque<>()).stream().mapToDouble(Double::doubleValue).toArray();
        if (hasVolatility) remember(symbol, fc.value(io.tatra.forecast.CoreTasks.VOLATILITY));
        Latest out = new Latest(symbol, Instant.ofEpochMilli(lastOpen), horizon, fc, d, reference);
        last.put(symbol, out);
        return out;
    }

    private void remember(Symbol symbol, double volatility) {
        java.util.ArrayDeque<Double> q = trailing.computeIfAbsent(symbol, x -> new java.util.ArrayDeque<>());
        q.addLast(volatility);
        while (q.size() > REFERENCE_WINDOWS) q.removeFirst();
    }

    private ModelStrategy newStrategy() {
        return new ModelStrategy(model.forecaster(), model.normalization(), model.features(), model.card().window(), horizon, fusion, Map.of(), null);
    }

    @Override public void close() { model.close(); }
}
