package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.dataset.Dataset;
import io.tatra.dataset.DatasetBuilder;
import io.tatra.dataset.DatasetConfig;
import io.tatra.dataset.SplitConfig;
import io.tatra.dataset.SplitMethod;
import io.tatra.dataset.Splitter;
import io.tatra.features.FeatureConfig;
import io.tatra.features.MarketFrame;
import io.tatra.labels.LabelConfig;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * What data a model use case reads: symbols, interval and period from the store, label horizon, walk-forward folds,
 * and optionally a synthetic market's true regimes. Builds datasets (features, labels, windows, folds with
 * normalization fitted on each fold's training part).
 *
 * @param from inclusive, null = from the first stored bar
 * @param to   exclusive, null = to the last
 */
public record DataRequest(List<Symbol> symbols, Interval interval, Instant from, Instant to, int horizon, int folds, Path trueRegimes, FeatureConfig features) {
    public static final int WINDOW = 96;

    public DataRequest {
        if (symbols == null || symbols.isEmpty()) throw new TatraException("give at least one symbol");
        if (symbols.stream().distinct().count() != symbols.size()) throw new TatraException("a symbol is listed twice: " + symbols);
        if (interval == null) throw new TatraException("an interval is required");
        if (horizon < 1 || horizon > 1000) throw new TatraException("--horizon must be 1..1000 bars, got " + horizon);
        if (folds < 1 || folds > 100) throw new TatraException("--folds must be 1..100, got " + folds);
        if (from != null && to != null && !from.isBefore(to)) throw new TatraException("--from " + from + " is not before --to " + to);
        symbols = List.copyOf(symbols);
        if (features == null) features = FeatureConfig.DEFAULT;
    }

    /** With the default features (no order books). */
    public DataRequest(List<Symbol> symbols, Interval interval, Instant from, Instant to, int horizon, int folds, Path trueRegimes) {
        this(symbols, interval, from, to, horizon, folds, trueRegimes, FeatureConfig.DEFAULT);
    }

    public static DataRequest of(List<Symbol> symbols, Interval interval) { return new DataRequest(symbols, interval, null, null, 4, 4, null); }

    public DataRequest withPeriod(Instant f, Instant t) { return new DataRequest(symbols, interval, f, t, horizon, folds, trueRegimes, features); }

    public DataRequest withHorizon(int h) { return new DataRequest(symbols, interval, from, to, h, folds, trueRegimes, features); }

    public DataRequest withFolds(int k) { return new DataRequest(symbols, interval, from, to, horizon, k, trueRegimes, features); }

    public DataRequest withTrueRegimes(Path file) { return new DataRequest(symbols, interval, from, to, horizon, folds, file, features); }

    /** With order books read from the store as features (a model trained so needs them wherever it runs), or not. */
    public DataRequest withBooks(boolean books) { return new DataRequest(symbols, interval, from, to, horizon, folds, trueRegimes, features.withBooks(books)); }

    /** With the features a saved model was trained on (from its card's schema hash; the default when unknown, which the load then refuses). */
    public DataRequest withFeaturesOf(String schemaHash) { return new DataRequest(symbols, interval, from, to, horizon, folds, trueRegimes, FeatureConfig.forSchemaOrDefault(schemaHash)); }

    public DatasetConfig config() {
        LabelConfig labels = LabelConfig.defaults(horizon);
        return new DatasetConfig(WINDOW, labels, new SplitConfig(SplitMethod.WALK_FORWARD, folds, 2, 0.4, 0.15,
                labels.lookahead(), WINDOW + labels.lookahead()), features, 5.0);
    }

    /**
     * The stored frames of the request. With books as features, a period in which the store holds no order book for any
     * of the symbols is refused: every book column would be "missing", which a model trained on books never saw and a
     * model trained so would learn nothing from (import the books, or leave out --books).
     */
    public List<MarketFrame> frames(Path home) {
        List<MarketFrame> frames = MarketData.loadAll(home, symbols, interval, from, to, features.books());
        if (features.books() && frames.stream().allMatch(f -> f.books().isEmpty()))
            throw new TatraException("order books as features (--books, or a model trained with them), but the store holds no order book for " + symbols
                    + (from != null || to != null ? " in the period" : "") + "; `tatra data list` shows what it holds, `tatra import SYMBOL_books.jsonl` adds books");
        return frames;
    }

    /** Walk-forward folds over the period. */
    public Dataset dataset(Path home, Consumer<String> progress) {
        List<MarketFrame> frames = frames(home);
        return DatasetBuilder.build(frames, MarketData.trueRegimes(trueRegimes, frames), config(), progress);
    }

    /** Features, labels and windows without folds (scoring a saved model with its own normalization). */
    public Dataset unsplit(Path home, Consumer<String> progress) {
        List<MarketFrame> frames = frames(home);
        return DatasetBuilder.unsplit(frames, MarketData.trueRegimes(trueRegimes, frames), config(), progress);
    }

    /**
     * One fold for a model to deploy: trained on everything in the period except its validation tail (the last
     * 15 %, after a purge + embargo gap, for early stopping); no test part.
     */
    public Dataset finalFit(Path home, Consumer<String> progress) {
        Dataset base = unsplit(home, progress);
        try {
            return DatasetBuilder.withFolds(base, List.of(Splitter.finalFit(base.firstSampleTime(), base.lastSampleTime(), interval.millis(), config().split())), progress);
        } catch (IllegalArgumentException e) {
            throw new TatraException("cannot train on " + symbols + " " + interval.code() + ": " + e.getMessage());
        }
    }

    /** One hold-out fold: train and validate before {@code testFrom}, test from it (normalization fitted on the training part). */
    public Dataset holdout(Path home, Consumer<String> progress, Instant testFrom) {
        return holdout(unsplit(home, progress), testFrom, progress);
    }

    /** {@link #holdout(Path, Consumer, Instant)} on features and labels already built ({@link #unsplit}). */
    public Dataset holdout(Dataset base, Instant testFrom, Consumer<String> progress) {
        try {
            return DatasetBuilder.withFolds(base, List.of(Splitter.holdout(base.firstSampleTime(), base.lastSampleTime(), interval.millis(),
                    testFrom.toEpochMilli(), config().split())), progress);
        } catch (IllegalArgumentException e) {
            throw new TatraException("--test-from: " + e.getMessage());
        }
    }
}
