package io.tatra.model.pretrain;

import java.util.EnumSet;
import java.util.Set;

/** Pre-training settings; the objectives' losses are summed with equal weights. */
public record PretrainConfig(Set<Objective> objectives, int epochs, int batchSize, double learningRate, int maxBatchesPerEpoch,
                             double maskRate, double temperature, int orderGap, long seed) {
    public PretrainConfig {
        if (objectives == null || objectives.isEmpty()) throw new IllegalArgumentException("choose at least one pre-training objective");
        objectives = Set.copyOf(objectives);
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (batchSize < 4) throw new IllegalArgumentException("batchSize must be >= 4 (contrastive needs negatives), got " + batchSize);
        if (!(learningRate > 0)) throw new IllegalArgumentException("learningRate must be > 0");
        if (maxBatchesPerEpoch < 0) throw new IllegalArgumentException("maxBatchesPerEpoch must be >= 0");
        if (!(maskRate > 0 && maskRate < 1)) throw new IllegalArgumentException("maskRate must be in (0, 1), got " + maskRate);
        if (!(temperature > 0)) throw new IllegalArgumentException("temperature must be > 0");
        if (orderGap < 1) throw new IllegalArgumentException("orderGap must be >= 1");
    }

    public static PretrainConfig defaults(long seed) {
        return new PretrainConfig(EnumSet.allOf(Objective.class), 5, 64, 1e-3, 300, 0.15, 0.2, 48, seed);
    }

    public PretrainConfig withSeed(long s) { return new PretrainConfig(objectives, epochs, batchSize, learningRate, maxBatchesPerEpoch, maskRate, temperature, orderGap, s); }

    public PretrainConfig withEpochs(int e) { return new PretrainConfig(objectives, e, batchSize, learningRate, maxBatchesPerEpoch, maskRate, temperature, orderGap, seed); }

    public PretrainConfig withBatches(int b) { return new PretrainConfig(objectives, epochs, batchSize, learningRate, b, maskRate, temperature, orderGap, seed); }
}
