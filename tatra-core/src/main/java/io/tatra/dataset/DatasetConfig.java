package io.tatra.dataset;

import io.tatra.features.FeatureConfig;
import io.tatra.labels.LabelConfig;

/** Everything that defines a dataset besides its data: window length, labels, split, features, clipping. */
public record DatasetConfig(int window, LabelConfig labels, SplitConfig split, FeatureConfig features, double clip) {
    public DatasetConfig {
        if (window < 2 || window > 4096) throw new IllegalArgumentException("window must be 2..4096 bars, got " + window);
        if (labels == null || split == null || features == null) throw new IllegalArgumentException("dataset config: labels, split and features are required");
        if (!(clip > 0)) throw new IllegalArgumentException("clip must be > 0, got " + clip);
        split.checkAgainst(window, labels.lookahead());
    }

    public static DatasetConfig defaults(int horizon, SplitMethod method) {
        LabelConfig l = LabelConfig.defaults(horizon);
        return new DatasetConfig(96, l, SplitConfig.defaults(method, 96, l.lookahead()), FeatureConfig.DEFAULT, 5.0);
    }
}
