package io.tatra.cli;

import io.tatra.TatraException;
import io.tatra.app.DataRequest;
import io.tatra.dataset.Dataset;
import io.tatra.model.nn.ModelConfig;
import io.tatra.model.nn.Torch;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;

/** The data every training command takes: symbols, interval and period from the store, horizon, split, model size. */
final class ModelDataOptions {
    @picocli.CommandLine.Mixin SeriesOptions series = new SeriesOptions();

    @Option(names = "--horizon", defaultValue = "4", description = "Label horizon in bars (default 4)")
    int horizon;

    @Option(names = "--folds", defaultValue = "4", description = "Walk-forward folds (default 4); training uses --fold")
    int folds;

    @Option(names = "--fold", description = "Walk-forward fold to train on, 1-based (pretrain, add-head: default the last; train: default none, i.e. the final split)")
    Integer fold;

    @Option(names = "--size", defaultValue = "default", description = "Model size: default (~160k parameters) or tiny (tests, quick demos)")
    String size;

    @Option(names = "--last-step", negatable = true, description = "Give the heads the last step's token and raw inputs beside the pooled window "
            + "(issue 17's last-step path; on by default, --no-last-step for the pooled window alone)")
    Boolean lastStep;

    @Option(names = "--encoder", defaultValue = "attention", description = "Sequence model of the encoder: attention (default) or lstm (unidirectional)")
    String encoder;

    @Option(names = "--head-hidden", paramLabel = "N", description = "Hidden units of every two-layer head (default: the size's, 64 or tiny's 16); 0 = linear heads")
    Integer headHidden;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default 1)")
    long seed;

    @Option(names = "--threads", description = "PyTorch threads (default: available cores)")
    Integer threads;

    @Option(names = "--true-regimes", paramLabel = "FILE", description = "regimes.csv of a synthetic market (tatra generate/demo): scores the regime head against the true regimes")
    Path trueRegimes;

    @Option(names = "--books", description = "Read the store's order books as features (book imbalance; tatra import SYMBOL_books.jsonl, or a live session's books.jsonl). "
            + "A model trained so is given books wherever it runs, and one trained without never is")
    boolean books;

    /** The data request these options describe (validated: duplicate symbols, period, horizon, folds). */
    DataRequest request() { return new DataRequest(series.symbols, series.interval, series.period.from(), series.period.to(), horizon, folds, trueRegimes).withBooks(books); }

    Dataset dataset(Path home, boolean quiet) { return request().dataset(home, progress(quiet)); }

    /** One "final" fold: everything but a purged validation tail trains. */
    Dataset finalFit(Path home, boolean quiet) { return request().finalFit(home, progress(quiet)); }

    /** One hold-out fold: train and validate before {@code testFrom}, test from it (normalization fitted on the training part). */
    Dataset holdout(Path home, boolean quiet, Instant testFrom) { return request().holdout(home, progress(quiet), testFrom); }

    /** Features, labels and windows without folds (scoring a saved model with its own normalization). */
    Dataset unsplit(Path home, boolean quiet) { return request().unsplit(home, progress(quiet)); }

    private static java.util.function.Consumer<String> progress(boolean quiet) { return line -> { if (!quiet) System.err.println(line); }; }

    int fold(Dataset ds) {
        int k = fold == null ? ds.folds().size() : fold;
        if (k < 1 || k > ds.folds().size()) throw new TatraException("--fold must be 1.." + ds.folds().size() + ", got " + k);
        return k - 1;
    }

    ModelConfig model() {
        ModelConfig m = switch (size) {
            case "default" -> ModelConfig.defaults(96, io.tatra.features.Feature.COUNT);
            case "tiny" -> ModelConfig.tiny(96, io.tatra.features.Feature.COUNT);
            default -> throw new TatraException("--size must be default or tiny, got '" + size + "'");
        };
        if (headHidden != null && (headHidden < 0 || headHidden > 4096)) throw new TatraException("--head-hidden must be 0..4096, got " + headHidden);
        io.tatra.model.nn.EncoderKind kind = switch (encoder) {
            case "attention" -> io.tatra.model.nn.EncoderKind.ATTENTION;
            case "lstm" -> io.tatra.model.nn.EncoderKind.LSTM;
            default -> throw new TatraException("--encoder must be attention or lstm, got '" + encoder + "'");
        };
        var enc = (lastStep != null ? m.encoder().withLastStep(lastStep) : m.encoder()).withKind(kind);
        return new ModelConfig(enc, headHidden != null ? headHidden : m.headHidden());
    }

    /** Checks every option that needs no data (model size, thread count, fold number's range start) before any data is read. */
    void check() {
        model();
        checkThreads();
        if (threads != null && threads > Runtime.getRuntime().availableProcessors())
            System.err.println("tatra: warning: --threads " + threads + " is more than the " + Runtime.getRuntime().availableProcessors()
                    + " cores here; PyTorch slows down when threads outnumber cores");
        if (fold != null && (fold < 1 || fold > folds)) throw new io.tatra.TatraException("--fold must be 1.." + folds + ", got " + fold);
    }

    private void checkThreads() {
        if (threads != null && (threads < 1 || threads > 256)) throw new io.tatra.TatraException("--threads must be 1..256, got " + threads);
    }

    void configureTorch() {
        checkThreads();
        Torch.configure(threads != null ? threads : Runtime.getRuntime().availableProcessors(), seed);
    }
}
