package io.tatra.cli;

import io.tatra.TatraException;
import io.tatra.dataset.Dataset;
import io.tatra.dataset.DatasetBuilder;
import io.tatra.dataset.DatasetConfig;
import io.tatra.dataset.SplitConfig;
import io.tatra.dataset.SplitMethod;
import io.tatra.dataset.Splitter;
import io.tatra.market.Regime;
import io.tatra.synth.RegimeCsv;
import io.tatra.features.FeatureConfig;
import io.tatra.features.MarketFrame;
import io.tatra.labels.LabelConfig;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.model.nn.ModelConfig;
import io.tatra.model.nn.Torch;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The data every training command takes: symbols, interval and period from the store, horizon, split, model size. */
final class ModelDataOptions {
    @Option(names = "--symbols", required = true, split = ",", converter = Converters.SymbolConverter.class, description = "Comma-separated symbols")
    List<Symbol> symbols;

    @Option(names = "--interval", required = true, converter = Converters.IntervalConverter.class)
    Interval interval;

    @Option(names = "--from", converter = Times.class, description = "First bar (inclusive)")
    Instant from;

    @Option(names = "--to", converter = Times.class, description = "Last bar (exclusive)")
    Instant to;

    @Option(names = "--horizon", defaultValue = "4", description = "Label horizon in bars (default 4)")
    int horizon;

    @Option(names = "--folds", defaultValue = "4", description = "Walk-forward folds (default 4); training uses --fold")
    int folds;

    @Option(names = "--fold", description = "Fold to train on, 1-based (default: the last, which has the most training data)")
    Integer fold;

    @Option(names = "--size", defaultValue = "default", description = "Model size: default (~160k parameters) or tiny (tests, quick demos)")
    String size;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default 1)")
    long seed;

    @Option(names = "--threads", description = "PyTorch threads (default: available cores)")
    Integer threads;

    @Option(names = "--true-regimes", paramLabel = "FILE", description = "regimes.csv of a synthetic market (tatra generate/demo): scores the regime head against the true regimes")
    Path trueRegimes;

    Dataset dataset(Path home, boolean quiet) {
        List<MarketFrame> frames = frames(home);
        return DatasetBuilder.build(frames, regimes(frames), config(), progress(quiet));
    }

    /** One hold-out fold: train and validate before {@code testFrom}, test from it (normalization fitted on the training part). */
    Dataset holdout(Path home, boolean quiet, Instant testFrom) {
        Dataset base = unsplit(home, quiet);
        try {
            return DatasetBuilder.withFolds(base, List.of(Splitter.holdout(base.firstSampleTime(), base.lastSampleTime(), interval.millis(),
                    testFrom.toEpochMilli(), config().split())), progress(quiet));
        } catch (IllegalArgumentException e) {
            throw new TatraException("--test-from: " + e.getMessage());
        }
    }

    /** Features, labels and windows without folds (scoring a saved model with its own normalization). */
    Dataset unsplit(Path home, boolean quiet) {
        List<MarketFrame> frames = frames(home);
        return DatasetBuilder.unsplit(frames, regimes(frames), config(), progress(quiet));
    }

    private List<MarketFrame> frames(Path home) { return StoreFrames.loadAll(home, symbols, interval, from, to); }

    private DatasetConfig config() {
        LabelConfig labels = LabelConfig.defaults(horizon);
        return new DatasetConfig(96, labels, new SplitConfig(SplitMethod.WALK_FORWARD, folds, 2, 0.4, 0.15,
                labels.lookahead(), 96 + labels.lookahead()), FeatureConfig.DEFAULT, 5.0);
    }

    /** The true regime of every bar, from --true-regimes, or none. */
    private Map<Symbol, List<Regime>> regimes(List<MarketFrame> frames) {
        if (trueRegimes == null) return Map.of();
        Map<Long, Regime> byTime = RegimeCsv.read(trueRegimes);
        Map<Symbol, List<Regime>> out = new HashMap<>();
        for (MarketFrame f : frames) out.put(f.bars().symbol(), RegimeCsv.align(byTime, f.bars(), trueRegimes));
        return out;
    }

    private static java.util.function.Consumer<String> progress(boolean quiet) { return line -> { if (!quiet) System.err.println(line); }; }

    int fold(Dataset ds) {
        int k = fold == null ? ds.folds().size() : fold;
        if (k < 1 || k > ds.folds().size()) throw new TatraException("--fold must be 1.." + ds.folds().size() + ", got " + k);
        return k - 1;
    }

    ModelConfig model() {
        return switch (size) {
            case "default" -> ModelConfig.defaults(96, io.tatra.features.Feature.COUNT);
            case "tiny" -> ModelConfig.tiny(96, io.tatra.features.Feature.COUNT);
            default -> throw new TatraException("--size must be default or tiny, got '" + size + "'");
        };
    }

    void configureTorch() { Torch.configure(threads != null ? threads : Runtime.getRuntime().availableProcessors(), seed); }
}
