package io.tatra.app;

import io.tatra.dataset.Dataset;
import io.tatra.features.Feature;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.model.io.ModelStore;
import io.tatra.model.nn.ModelConfig;
import io.tatra.model.task.Tasks;
import io.tatra.model.train.Balance;
import io.tatra.model.train.TrainConfig;
import io.tatra.model.workflow.Workflows;
import io.tatra.store.TatraStore;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticMarket;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Test fixtures of the live tests: a synthetic market in a store, and a tiny model trained on it for deployment. */
final class TinyModel {
    private TinyModel() {}

    /** Stores every symbol's candles, and with {@code rates} its funding and open interest. */
    static void store(Path home, SyntheticMarket m, List<Symbol> symbols, boolean rates) {
        try (TatraStore st = TatraStore.open(home)) {
            for (Symbol s : symbols) {
                st.candles().write(m.series(s), false);
                if (!rates) continue;
                st.funding().writeFunding(s, m.funding().getOrDefault(s, List.of()), false);
                st.openInterest().writeOpenInterest(s, m.openInterest().getOrDefault(s, List.of()), false);
            }
        }
    }

    /** A tiny four-head model (EW balance, seed 3) on the stored 1h bars before {@code to} (null: all), final split, saved to {@code out}. */
    static void train(Path home, List<Symbol> symbols, Instant to, int epochs, int batches, Path out) { train(home, symbols, to, epochs, batches, out, false); }

    /** As above; with {@code books}, on the stored order books as features too ({@code tatra train --books}). */
    static void train(Path home, List<Symbol> symbols, Instant to, int epochs, int batches, Path out, boolean books) {
        Dataset ds = DataRequest.of(symbols, Interval.H1).withPeriod(null, to).withBooks(books).finalFit(home, line -> {});
        TrainConfig tc = TrainConfig.defaults(Balance.EW, 3).withEpochs(epochs).withBatches(batches);
        try (Workflows.Trained t = Workflows.train(ds, 0, Tasks.CORE, ModelConfig.tiny(DataRequest.WINDOW, Feature.COUNT), tc, null, line -> {})) {
            ModelStore.save(out, t.model(), t.card(), ds.normalizations().get(0));
        }
    }

    /** A one-symbol synthetic market, its symbol and bars. */
    record OneSymbol(SyntheticMarket market, Symbol symbol, BarSeries bars) {}

    /** One synthetic hourly symbol of {@code bars} bars (market seed {@code seed}) stored with its funding and open interest in {@code home}. */
    static OneSymbol oneSymbol(Path home, int bars, long seed) {
        SyntheticMarket m = MarketGenerator.generate(SyntheticConfig.defaults(1, bars, Interval.H1, seed));
        Symbol sym = m.series().keySet().iterator().next();
        store(home, m, List.of(sym), true);
        return new OneSymbol(m, sym, m.series(sym));
    }

    /** A stored market's symbols in name order, and the first one's bars (their times place a test's period). */
    record Market(List<Symbol> symbols, BarSeries first) {}

    /**
     * {@code symbols} synthetic hourly symbols of {@code bars} bars (market seed {@code seed}) stored with their funding
     * and open interest in {@code home}, and a tiny model trained on them up to bar {@code trainTo}, saved to {@code model}.
     */
    static Market homeAndModel(Path home, Path model, int symbols, int bars, long seed, int trainTo, int epochs, int batches) {
        SyntheticMarket m = MarketGenerator.generate(SyntheticConfig.defaults(symbols, bars, Interval.H1, seed));
        List<Symbol> names = new java.util.ArrayList<>(new java.util.TreeSet<>(m.series().keySet()));
        BarSeries first = m.series(names.get(0));
        store(home, m, names, true);
        train(home, names, first.openTime(trainTo), epochs, batches, model);
        return new Market(names, first);
    }
}
