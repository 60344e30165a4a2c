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
 * the report).
 */
public final class MetaLabelService {
    private MetaLabelService() {}

    /**
     * @param journals directories holding decisions.jsonl and outcomes.jsonl
     * @param market   the interval of the decisions' bars, to join the 64 market features from the store; null: the
     *                 decision records' own features only
     */
    public record Request(List<Path> journals, Interval market, double validationFraction, double testFraction, Duration embargo, GbmConfig gbm, Path out,
                          boolean force) {
        public Request {
            if (journals == null || journals.isEmpty()) throw new TatraException("give at least one journal directory (a backtest run, or a paper or live session)");
            journals = List.copyOf(journals);
        }
    }

    public record Result(MetaLabels.Join join, MetaSplit split, MetaLabelModel.Report report, Path out) {}

    public static Result run(Path home, Request r, Consumer<String> log) {
        if (r.out() != null) io.tatra.AtomicWrite.checkTarget(r.out(), true, r.force() ? io.tatra.AtomicWrite.Existing.REPLACE : io.tatra.AtomicWrite.Existing.REFUSE, "--force");
        List<Decision> decisions = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (Path dir : r.journals()) {
            decisions.addAll(read(dir.resolve("decisions.jsonl"), Decision.class, log));
            outcomes.addAll(read(dir.resolve("outcomes.jsonl"), Outcome.class, log));
        }
        MetaLabels.Join join = MetaLabels.join(decisions, outcomes, r.market() == null ? null : market(home, r.market(), decisions, log));
        log.accept(join.summary());
        if (join.examples().size() < 3) throw new TatraException("the journals hold " + join.examples().size() + " closed trades opened by a decision; nothing to learn from");
        MetaSplit split = MetaSplit.of(join.examples(), r.validationFraction(), r.testFraction(), r.embargo());
        log.accept(String.format(java.util.Locale.ROOT, "split: %,d train / %,d validation (from %s) / %,d test (from %s); %,d purged, %,d embargoed",
                split.train().size(), split.validation().size(), split.validationFrom(), split.test().size(), split.testFrom(), split.purged(), split.embargoed()));
        try (MetaLabelModel.Trained t = MetaLabelModel.train(split, join.featureNames(), r.gbm(), log)) {
            if (r.out() != null) save(r, join, split, t);
            return new Result(join, split, t.report(), r.out());
        }
    }

    private static void save(Request r, MetaLabels.Join join, MetaSplit split, MetaLabelModel.Trained t) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", "tatra-meta-label-1");
        meta.put("kind", "lightgbm-meta-label");
        meta.put("created_at", Instant.now().toString());
        meta.put("journals", r.journals().stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
        meta.put("market_interval", r.market() == null ? null : r.market().code());
        meta.put("feature_names", join.featureNames());
        meta.put("feature_schema", r.market() == null ? null : new io.tatra.features.FeatureEngine().schema().hash());
        meta.put("threshold", t.model().threshold());
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
        List<String> names = new ArrayList<>();
        for (Feature f : Feature.values()) names.add(f.name().toLowerCase(java.util.Locale.ROOT));
        return new MetaLabels.MarketFeatures() {
            @Override public List<String> names() { return names; }

            @Override public double[] at(String symbol, Instant decisionTime) {
                SymbolData s = bySymbol.get(symbol);
                if (s == null) return null;
                long open = decisionTime.toEpochMilli() - interval.millis();
                int row = java.util.Arrays.binarySearch(s.bars().openTimeArray(), 0, s.bars().size(), open);
                if (row < 0) return null;
                double[] out = new double[Feature.COUNT];
                for (int j = 0; j < out.length; j++) out[j] = s.features()[row * Feature.COUNT + j];
                return out;
            }
        };
    }
}
