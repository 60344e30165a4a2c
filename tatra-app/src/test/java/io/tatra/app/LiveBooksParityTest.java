package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.CostConfig;
import io.tatra.decision.FusionConfig;
import io.tatra.features.Feature;
import io.tatra.features.FeatureConfig;
import io.tatra.features.FeatureEngine;
import io.tatra.journal.BookRecord;
import io.tatra.journal.Decision;
import io.tatra.journal.JournalReader;
import io.tatra.journal.Snapshot;
import io.tatra.live.KillSwitch;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.model.io.ModelStore;
import io.tatra.model.nn.Torch;
import io.tatra.risk.RiskLimits;
import io.tatra.store.TatraStore;
import io.tatra.synth.SyntheticBooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Order books in the live path: a model trained on stored books, traded by the live engine against the paper exchange
 * replaying the stored period (its books stream included), reads at every close the book the backtest reads from the
 * store, records it again in {@code books.jsonl}, and decides as the backtest does.
 */
class LiveBooksParityTest {
    @TempDir
    Path dir;

    record Setup(Symbol sym, BarSeries bars, Path home, Path model, List<BookRecord> books) {}

    /** One synthetic symbol with its rates and an order book per bar in a store, a tiny model trained with books on its first 1,100 bars. */
    Setup setup() { return setup(i -> true); }

    /** The same with the books of the bars {@code keep} accepts only (by bar index). */
    Setup setup(java.util.function.IntPredicate keep) {
        Torch.configure(1, 7);
        Path home = dir.resolve("home"), model = dir.resolve("model");
        TinyModel.OneSymbol one = TinyModel.oneSymbol(home, 1_500, 21);
        Symbol sym = one.symbol();
        BarSeries bars = one.bars();
        List<BookRecord> all = SyntheticBooks.of(bars, 25, 21), books = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i++) if (keep.test(i)) books.add(all.get(i));
        try (TatraStore st = TatraStore.open(home)) {
            assertEquals(books.size(), st.books().write(books, false).added());
        }
        TinyModel.train(home, List.of(sym), bars.openTime(1_100), 2, 10, model, true);
        return new Setup(sym, bars, home, model, books);
    }

    @Test
    void aModelTrainedOnBooksReadsTheSameBooksLiveAsInTheBacktest() {
        Setup su = setup();
        Symbol sym = su.sym();
        BarSeries bars = su.bars();
        Path home = su.home(), model = su.model();
        List<BookRecord> books = su.books();
        // the card says the model reads books; a caller computing features without them is refused, and told why
        assertTrue(FeatureConfig.forSchema(ModelStore.card(model).featureSchema()).books());
        var refused = assertThrows(TatraException.class, () -> ModelStore.load(model, new FeatureEngine().schema().hash()));
        assertTrue(refused.getMessage().contains("give --books"), refused.getMessage());

        int need = Feature.maxWarmup() + DataRequest.WINDOW;
        Instant from = bars.openTime(1_100 - need + 1), to = bars.openTime(1_300);
        FusionConfig fusion = new FusionConfig(0.01, 1, 1.5, 2.5, 0.3, 0.01);
        // the backtest is asked without --books: it computes the features the model was trained on
        BacktestService.run(home, new BacktestRequest(DataRequest.of(List.of(sym), Interval.H1).withPeriod(from, to), model, null, null, null, fusion,
                BacktestConfig.defaults(), null, null, dir.resolve("bt"), false), line -> {});
        var paper = PaperService.run(new PaperService.Request(home, dir.resolve("paper"), model, List.of(sym), from, to, 0, 10_000, CostConfig.bybitLinear(), null,
                RiskLimits.defaults(), PolicySpec.rule(fusion), KillSwitch.Policy.STOP_OPENING, false, 1, null), line -> {});
        assertEquals(0, paper.errors());
        assertEquals(0, paper.closesWithoutBook(), "every close had its book: the warm-up's from the store, the live ones from the stream");
        assertEquals(0, paper.bookResyncs());

        Map<String, Decision> backtest = new TreeMap<>(), live = new TreeMap<>();
        for (Decision d : JournalReader.read(dir.resolve("bt/decisions.jsonl"), Decision.class).records()) backtest.put(d.id(), d);
        for (Decision d : JournalReader.read(dir.resolve("paper/decisions.jsonl"), Decision.class).records()) live.put(d.id(), d);
        assertTrue(live.size() >= 190, "every bar decided: " + live.size());
        double maxDiff = 0;
        for (Decision d : live.values()) {
            Decision b = backtest.get(d.id());
            assertNotNull(b, d.id());
            assertEquals(b.signal(), d.signal(), d.id());
            for (var e : b.features().entrySet()) maxDiff = Math.max(maxDiff, Math.abs(e.getValue() - d.features().get(e.getKey())) / Math.max(1, Math.abs(e.getValue())));
        }
        assertTrue(maxDiff < 1e-4, "the fusion's trace agrees: " + maxDiff);

        // every live bar's features hold the book the store has for its close, as the batch computes them
        var fm = new FeatureEngine(FeatureConfig.DEFAULT.withBooks(true)).compute(MarketData.loadAll(home, List.of(sym), Interval.H1, from, to, true).get(0));
        var snaps = JournalReader.read(dir.resolve("paper/snapshots.jsonl"), Snapshot.class).records();
        assertEquals(live.size(), snaps.size());
        for (Snapshot sn : snaps) {
            int row = java.util.Arrays.binarySearch(fm.openTimes(), sn.timestamp().toEpochMilli() - Interval.H1.millis());
            assertEquals(1.0, sn.features().get(Feature.BOOK_MASK.id()), "a book at " + sn.timestamp());
            assertEquals(fm.get(row, Feature.BOOK_IMBALANCE_20), sn.features().get(Feature.BOOK_IMBALANCE_20.id()), 1e-12, "imbalance at " + sn.timestamp());
        }
        // and books.jsonl holds, for each live bar, the stored book level for level
        Map<Instant, BookRecord> stored = new HashMap<>();
        for (BookRecord b : books) stored.put(b.time(), b);
        var recorded = JournalReader.read(dir.resolve("paper/" + BookRecord.FILE_NAME), BookRecord.class);
        assertTrue(recorded.clean());
        assertEquals(snaps.size(), recorded.records().size(), "one book per live bar");
        for (BookRecord r : recorded.records()) assertTrue(r.sameAs(stored.get(r.time())), "the recorded book at " + r.time() + " is the stored one");
        var copied = JournalCopy.toStore(home, dir.resolve("paper"));
        assertEquals(recorded.records().size(), copied.get(BookRecord.FILE_NAME).unchanged(), "copied into the store: nothing new, nothing conflicting");
        System.out.println("books parity: " + live.size() + " decisions equal (trace within " + maxDiff + "), " + recorded.records().size() + " books recorded as stored");
    }

    /** {@code tatra decide} on a model trained with books feeds it the stored books, as the backtest does. */
    @Test
    void theLatestDecisionReadsTheStoredBooks() {
        Setup su = setup();
        io.tatra.forecast.Forecast latest;
        try (DecisionService svc = new DecisionService(su.home(), su.model(), new io.tatra.decision.RuleBasedFusion(FusionConfig.defaults()))) {
            latest = svc.latest(su.sym(), null).forecast();
        }
        try (ModelStore.Loaded loaded = ModelStore.load(su.model(), io.tatra.features.FeatureSchema.of(FeatureConfig.DEFAULT.withBooks(true)).hash())) {
            var frame = MarketData.loadAll(su.home(), List.of(su.sym()), Interval.H1, null, null, true).get(0);
            double same = maxDiff(latest, lastForecast(loaded, frame)), without = maxDiff(latest, lastForecast(loaded,
                    new io.tatra.features.MarketFrame(frame.bars(), frame.funding(), frame.openInterest(), List.of())));
            assertTrue(same < 1e-6, "decide equals a strategy fed the stored books: " + same + " (without books: " + without + ")");
            assertTrue(without > 1e-4, "and the books matter to this model: " + without);
        }
    }

    private static io.tatra.forecast.Forecast lastForecast(ModelStore.Loaded loaded, io.tatra.features.MarketFrame frame) {
        var s = new io.tatra.trading.ModelStrategy(new io.tatra.model.eval.ModelForecaster(loaded.model()), loaded.normalization(), FeatureConfig.DEFAULT.withBooks(true),
                loaded.card().window(), loaded.card().labels().horizon(), new io.tatra.decision.RuleBasedFusion(FusionConfig.defaults()), Map.of(frame.bars().symbol(), frame), null);
        for (int i = 0; i < frame.bars().size() - 1; i++) s.observe(frame.bars(), i);
        return s.forecast(frame.bars(), frame.bars().size() - 1);
    }

    private static double maxDiff(io.tatra.forecast.Forecast a, io.tatra.forecast.Forecast b) {
        double d = 0;
        for (var t : a.tasks()) {
            double[] x = a.values(t), y = b.values(t);
            for (int i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i] - y[i]));
        }
        return d;
    }

    /**
     * Books missing at some closes: the replay shows the latest recorded book with its own time, the live session records
     * it again with that time, and the features leave it out as too old (hourly bars, a 5-minute limit) exactly where the
     * backtest's do; the warm-up's first half has no book at all.
     */
    @Test
    void closesWithoutARecordedBookAreMaskedLiveAsInTheBacktest() {
        Setup su = setup(i -> i >= 1_000 && i % 7 != 3);
        Symbol sym = su.sym();
        int need = Feature.maxWarmup() + DataRequest.WINDOW;
        Instant from = su.bars().openTime(1_100 - need + 1), to = su.bars().openTime(1_300);
        FusionConfig fusion = new FusionConfig(0.01, 1, 1.5, 2.5, 0.3, 0.01);
        BacktestService.run(su.home(), new BacktestRequest(DataRequest.of(List.of(sym), Interval.H1).withPeriod(from, to), su.model(), null, null, null, fusion,
                BacktestConfig.defaults(), null, null, dir.resolve("bt"), false), line -> {});
        List<String> said = new java.util.ArrayList<>();
        var paper = PaperService.run(new PaperService.Request(su.home(), dir.resolve("paper"), su.model(), List.of(sym), from, to, 0, 10_000, CostConfig.bybitLinear(), null,
                RiskLimits.defaults(), PolicySpec.rule(fusion), KillSwitch.Policy.STOP_OPENING, false, 1, null), said::add);
        assertEquals(0, paper.errors(), () -> String.join("\n", said));
        Map<String, Decision> backtest = new TreeMap<>();
        for (Decision d : JournalReader.read(dir.resolve("bt/decisions.jsonl"), Decision.class).records()) backtest.put(d.id(), d);
        var live = JournalReader.read(dir.resolve("paper/decisions.jsonl"), Decision.class).records();
        assertTrue(live.size() >= 190, "every bar decided: " + live.size());
        double maxDiff = 0;
        for (Decision d : live) {
            Decision b = backtest.get(d.id());
            assertEquals(b.signal(), d.signal(), d.id());
            for (var e : b.features().entrySet()) maxDiff = Math.max(maxDiff, Math.abs(e.getValue() - d.features().get(e.getKey())) / Math.max(1, Math.abs(e.getValue())));
        }
        assertTrue(maxDiff < 1e-4, "the fusion's trace agrees: " + maxDiff);
        var fm = new FeatureEngine(FeatureConfig.DEFAULT.withBooks(true)).compute(MarketData.loadAll(su.home(), List.of(sym), Interval.H1, from, to, true).get(0));
        int masked = 0;
        for (Snapshot sn : JournalReader.read(dir.resolve("paper/snapshots.jsonl"), Snapshot.class).records()) {
            int row = java.util.Arrays.binarySearch(fm.openTimes(), sn.timestamp().toEpochMilli() - Interval.H1.millis());
            assertEquals(fm.get(row, Feature.BOOK_MASK), sn.features().get(Feature.BOOK_MASK.id()), "book mask at " + sn.timestamp());
            if (fm.get(row, Feature.BOOK_MASK) == 0) masked++;
            else assertEquals(fm.get(row, Feature.BOOK_IMBALANCE_20), sn.features().get(Feature.BOOK_IMBALANCE_20.id()), 1e-12, "imbalance at " + sn.timestamp());
        }
        assertTrue(masked >= 25, "the closes without a recorded book are masked live as in the backtest: " + masked);
        Map<Instant, BookRecord> stored = new java.util.HashMap<>();
        for (BookRecord b : su.books()) stored.put(b.time(), b);
        var recorded = JournalReader.read(dir.resolve("paper/" + BookRecord.FILE_NAME), BookRecord.class).records();
        for (BookRecord r : recorded) assertTrue(r.sameAs(stored.get(r.time())), "recorded at " + r.time() + ": a stored book, with its own time");
        System.out.println("books with gaps: " + live.size() + " decisions equal (trace within " + maxDiff + "), " + masked + " live closes masked in both, "
                + paper.closesWithoutBook() + " closes without a book");
    }
}
