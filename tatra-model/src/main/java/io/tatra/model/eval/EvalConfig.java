package io.tatra.model.eval;

import io.tatra.model.nn.ModelConfig;
import io.tatra.model.pretrain.PretrainConfig;
import io.tatra.model.train.TrainConfig;

import java.util.List;

/**
 * What {@code tatra evaluate} trains and compares.
 *
 * @param seeds        one full run (unified, four specialists, probes) per seed; at least 1
 * @param train        the unified model's training settings (its balance); specialists use the same with equal weights
 * @param pretrain     pre-training for the linear probe; null skips the probes
 * @param probeEpochs  epochs of each linear probe head on the frozen encoder
 * @param confidence   the contradiction rate's confidence quantile (see {@code Consistency})
 */
public record EvalConfig(List<Long> seeds, ModelConfig model, TrainConfig train, PretrainConfig pretrain, int probeEpochs, double confidence) {
    public EvalConfig {
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) throw new IllegalArgumentException("at least one seed");
        if (seeds.stream().distinct().count() != seeds.size()) throw new IllegalArgumentException("seeds must differ: " + seeds);
        if (model == null || train == null) throw new IllegalArgumentException("model and training configs are required");
        if (probeEpochs < 1) throw new IllegalArgumentException("probeEpochs must be >= 1, got " + probeEpochs);
        if (!(confidence > 0 && confidence < 1)) throw new IllegalArgumentException("confidence quantile must be in (0,1), got " + confidence);
    }

    /** Seeds base, base+1, … */
    public static List<Long> seeds(long base, int count) {
        if (count < 1) throw new IllegalArgumentException("--seeds must be >= 1, got " + count);
        return java.util.stream.LongStream.range(base, base + count).boxed().toList();
    }
}
