package io.tatra.dataset;

import java.util.List;

/**
 * The windows of one fold that an evaluation fits and scores on: training and validation windows to fit on,
 * test windows to forecast, all labelled for the tasks scored. A contender may read the features and labels of
 * the training and validation windows and, for each test window, only the rows up to and including its last bar.
 */
public record FoldWindows(Dataset dataset, int fold, List<Dataset.Sample> train, List<Dataset.Sample> validation, List<Dataset.Sample> test) {
    public FoldWindows {
        if (dataset == null) throw new IllegalArgumentException("dataset is required");
        if (fold < 0 || fold >= dataset.folds().size()) throw new IllegalArgumentException("fold " + fold + " of " + dataset.folds().size());
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
        if (train.isEmpty()) throw new IllegalArgumentException("fold " + dataset.folds().get(fold).name() + " has no training windows");
    }

    public List<SymbolData> symbols() { return dataset.symbols(); }

    /** The fold's normalization, fitted on its training rows only. */
    public Normalization normalization() { return dataset.normalizations().get(fold); }

    /** Bars ahead the labels look. */
    public int horizon() { return dataset.config().labels().horizon(); }

    public long barMillis() { return dataset.interval().millis(); }
}
