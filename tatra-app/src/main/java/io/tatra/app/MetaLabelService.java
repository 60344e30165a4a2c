package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.dataset.Dataset;
import io.tatra.dataset.SymbolData;
import io.tatra.features.Feature;
import io.tatra.gbm.GbmConfig;
import io.tatra.gbm.MetaLabelModel;
import io.tatra.journal.Decision;
import io.tatra.journal.JournalReader;
import io.tatra.journal.Outcome;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.meta.BarMetaLabels;
import io.tatra.meta.MetaExample;
import io.tatra.meta.MetaLabels;
import io.tatra.meta.MetaSplit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Trains design document 003's win probability ("train_meta_label") from decision and outcome journals: the
 * {@code decisions.jsonl} and {@code outcomes.jsonl} of backtest runs, paper or live sessions. Joins them, optionally
 * adds the decision bar's 64 market features from the store, splits in time with purge and embargo, trains the
 * LightGBM boosters and writes a model directory (boosters as LightGBM text, {@code meta.json} with the provenance and
 * the report). Before any journal exists, the trades can come from stored bars instead ({@link Bars}): a momentum
 * primary rule's trades labelled by the triple barrier ({@link BarMetaLabels}), with the bar's 64 features.
 */
public final class MetaLabelService {
    private MetaLabelService() {}

    /** Where the trades come from. */
    public sealed interface Source permits Journals, Bars {}

    /**
     * @param dirs   directories holding decisions.jsonl and outcomes.jsonl
     * @param market the interval of the decisions' bars, to join the 64 market features from the store; null: the
     *               decision records' own features only
     */
    public record Journals(List<Path> dirs, Interval market) implements Source {
        public Journals {
            if (dirs == null || dirs.isEmpty()) throw new TatraException("give at least one journal directory (a backtest run, or a paper or live session)");
            dirs = List.copyOf(dirs);
        }
    }

    /** Trades of {@link BarMetaLabels}' primary rule on stored bars, labelled by the triple barrier: no journal needed. */
    public record Bars(List<Symbol> symbols, Interval interval, Instant from, Instant to, BarMetaLabels.Config config) implements Source {
        public Bars {
            if (symbols == null || symbols.isEmpty()) throw new TatraException("give at least one symbol");
            if (interval == null || config == null) throw new TatraException("an interval and a barrier configuration are required");
            symbols = List.copyOf(symbols);
        }
    }

    public record Request(Source source, double validationFraction, double testFraction, Duration embargo, GbmConfig gbm, Path out, boolean force) {
        public Request {
            if (source == null) throw new TatraException("say where the trades come from: journals or bars");
        }

        public Request(List<Path> journals, Interval market, double validationFraction, double testFraction, Duration embargo, GbmConfig gbm, Path out, boolean force) {
            this(new Journals(journals, market), validationFraction, testFraction, embargo, gbm, out, force);
        }
    }

    /** @param join the journals' join (null for the bar source) */
    public record Result(List<String> featureNames, int examples, MetaLabels.Join join, MetaSplit split, MetaLabelModel.Report report, Path out) {}

    private record Examples(List<MetaExample> examples, List<String> featureNames, MetaLabels.Join join, MetaLabelModel.Labels labels) {}

    public static Result run(Path home, Request r, Consumer<String> log) {
        if (r.out() != null) io.tatra.AtomicWrite.checkTarget(r.out(), true, r.force() ? io.tatra.AtomicWrite.Existing.REPLACE : io.tatra.AtomicWrite.Existing.REFUSE, "--force");
        Examples ex = switch (r.source()) {
            case Journals j -> journals(home, j, log);
            case Bars b -> bars(home, b, log);
        };
        MetaSplit split = MetaSplit.of(ex.examples(), r.validationFraction(), r.testFraction(), r.embargo());
        log.accept(String.format(java.util.Locale.ROOT, "split: %,d train / %,d validation (from %s) / %,d test (from %s); %,d purged, %,d embargoed",
                split.train().size(), split.validation().size(), split.validationFrom(), split.test().size(), split.testFrom(), split.purged(), split.embargoed()));
        try (MetaLabelModel.Trained t = MetaLabelModel.train(split, ex.featureNames(), ex.labels(), r.gbm(), log)) {
            if (r.out() != null) save(r, ex.featureNames(), split, t);
            return new Result(ex.featureNames(), ex.examples().size(), ex.join(), split, t.report(), r.out());
        }
    }

    private static Examples journals(Path home, Journals src, Consumer<String> log) {
        List<Decision> decisions = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (Path dir : src.dirs()) {
            decisions.addAll(read(dir.resolve("decisions.jsonl"), Decision.class, log));
            outcomes.addAll(read(dir.resolve("outcomes.jsonl"), Outcome.class, log));
        }
        MetaLabels.Join join = MetaLabels.join(decisions, outcomes, src.market() == null ? null : market(home, src.market(), decisions, log));
        log.accept(join.summary());
        if (join.examples().size() < 3) throw new TatraException("the journals hold " + join.examples().size() + " closed trades opened by a decision; nothing to learn from");
        return new Examples(join.examples(), join.featureNames(), join, MetaLabelModel.Labels.JOURNALS);
    }

    private static Examples bars(Path home, Bars src, Consumer<String> log) {
        Dataset ds = DataRequest.of(src.symbols(), src.interval()).withPeriod(src.from(), src.to()).unsplit(home, log);
        List<String> names = marketNames();
        List<MetaExample> all = new ArrayList<>();
        List<String> featureNames = null;
        for (SymbolData s : ds.symbols()) {
            BarMetaLabels.RowFeatures rows = new BarMetaLabels.RowFeatures() {
                @Override public List<String> names() { return names; }

                @Override public double[] at(int row) { return rowFeatures(s, row); }
            };
            featureNames = BarMetaLabels.featureNames(rows);
            List<MetaExample> ex = BarMetaLabels.of(s.bars(), src.config(), rows);
            long step = s.bars().interval().millis(), vertical = ex.stream()
                    .filter(e -> e.closedTime().toEpochMilli() - e.decisionTime().toEpochMilli() == src.config().horizon() * step).count();
            log.accept(String.format(java.util.Locale.ROOT, "%s: %,d trades of the momentum rule (%d-bar lookback, every %d bars), net win rate %.1f %%, %.0f %% closed at the vertical barrier",
                    s.bars().symbol(), ex.size(), src.config().momentumBars(), src.config().every(), 100.0 * ex.stream().filter(MetaExample::netWin).count() / Math.max(1, ex.size()),
                    100.0 * vertical / Math.max(1, ex.size())));
            all.addAll(ex);
        }
        if (all.size() < 3) throw new TatraException("the bars give " + all.size() + " trades of the primary rule; store more history (tatra import or tatra download) or lower --every");
        all.sort(java.util.Comparator.comparing(MetaExample::decisionTime).thenComparing(MetaExample::decisionId));
        return new Examples(all, featureNames, null, new MetaLabelModel.Labels(BarMetaLabels.MAIN_LABEL, BarMetaLabels.EARLY_LABEL));
    }

    private static void save(Request r, List<String> featureNames, MetaSplit split, MetaLabelModel.Trained t) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", "tatra-meta-label-1");
        meta.put("kind", "lightgbm-meta-label");
        meta.put("created_at", Instant.now().toString());
        boolean withMarket;
        switch (r.source()) {
            case Journals j -> {
                meta.put("source", "journals");
                meta.put("journals", j.dirs().stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
                meta.put("market_interval", j.market() == null ? null : j.market().code());
                withMarket = j.market() != null;
            }
            case Bars b -> {
                meta.put("source", "bars");
                meta.put("symbols", b.symbols().stream().map(Symbol::value).toList());
                meta.put("market_interval", b.interval().code());
                meta.put("from", b.from() == null ? null : b.from().toString());
                meta.put("to", b.to() == null ? null : b.to().toString());
                meta.put("barriers", b.config());
                withMarket = true;
            }
        }
        meta.put("labels", t.model().labels());
        meta.put("feature_names", featureNames);
        meta.put("feature_schema", withMarket ? new io.tatra.features.FeatureEngine().schema().hash() : null);
        meta.put("threshold", t.model().threshold());
        meta.put("return_scale", t.model().returnScale());
        meta.put("validation_from", split.validationFrom().toString());
        meta.put("test_from", split.testFrom().toString());
        meta.put("trained_on", "decisions before " + split.validationFrom() + " whose trades closed before it; early-stopped on those before " + split.testFrom());
        meta.put("gbm", r.gbm());
        meta.put("report", t.report());
        io.tatra.AtomicWrite.directory(r.out(), r.force() ? io.tatra.AtomicWrite.Existing.REPLACE : io.tatra.AtomicWrite.Existing.REFUSE, dir -> {
            t.model().texts().forEach((label, text) -> io.tatra.AtomicWrite.text(dir.resolve(label + ".txt"), text));
            io.tatra.AtomicWrite.text(dir.resolve("meta.json"), io.tatra.Json.write(meta));
        });
    }

    /** A journal's records; a torn last line (a crash mid-write) is skipped with a warning, any other bad line is refused with its number. */
    static <T> List<T> read(Path file, Class<T> type, Consumer<String> log) {
        if (!Files.isRegularFile(file)) throw new TatraException(file + ": not found (a journal directory holds decisions.jsonl and outcomes.jsonl)");
        JournalReader.Result<T> res = JournalReader.read(file, type);
        for (JournalReader.LineProblem p : res.problems()) {
            if (p.problem() == JournalReader.Problem.TORN_TAIL) log.accept("tatra: warning: " + file + " " + p + " (a torn last line, skipped)");
            else throw new TatraException(file + " " + p);
        }
        return res.records();
    }

    /** The decision bar's 64 raw features from the store (the bar that closed at the decision time). */
    static MetaLabels.MarketFeatures market(Path home, Interval interval, List<Decision> decisions, Consumer<String> log) {
        TreeSet<String> symbols = new TreeSet<>();
        Instant from = null, to = null;
        for (Decision d : decisions) {
            symbols.add(d.symbol());
            from = from == null || d.timestamp().isBefore(from) ? d.timestamp() : from;
            to = to == null || d.timestamp().isAfter(to) ? d.timestamp() : to;
        }
        if (symbols.isEmpty()) return null;
        Dataset ds = DataRequest.of(symbols.stream().map(Symbol::of).toList(), interval).unsplit(home, log);
        Map<String, SymbolData> bySymbol = new HashMap<>();
        for (SymbolData s : ds.symbols()) bySymbol.put(s.bars().symbol().value(), s);
        List<String> names = marketNames();
        return new MetaLabels.MarketFeatures() {
            @Override public List<String> names() { return names; }

            @Override public double[] at(String symbol, Instant decisionTime) {
                SymbolData s = bySymbol.get(symbol);
                if (s == null) return null;
                long open = decisionTime.toEpochMilli() - interval.millis();
                int row = java.util.Arrays.binarySearch(s.bars().openTimeArray(), 0, s.bars().size(), open);
                return row < 0 ? null : rowFeatures(s, row);
            }
        };
    }

    private static List<String> marketNames() {
        List<String> names = new ArrayList<>();
        for (Feature f : Feature.values()) names.add(f.name().toLowerCase(java.util.Locale.ROOT));
        return names;
    }

    /** A bar's 64 raw features as of its close. */
    private static double[] rowFeatures(SymbolData s, int row) {
        double[] out = new double[Feature.COUNT];
        for (int j = 0; j < out.length; j++) out[j] = s.features()[row * Feature.COUNT + j];
        return out;
    }
}
