package io.tatra.model.train;

/**
 * Multi-task training settings. {@code maxBatchesPerEpoch} = 0 means a full pass; a positive value draws that
 * many random batches per epoch (bounded epochs on large pooled datasets). Early stopping watches the sum of
 * the unweighted validation losses (class heads after calibration when {@code calibrate}) and keeps the best epoch's
 * weights. The default epoch is 200 batches of 64, so early stopping looks every 12,800 windows: issue 17's learning
 * curves on 8 hourly symbols found the best direction loss after 50k–100k windows and the regime head overfitting
 * from the first 16k.
 *
 * @param calibrate after training, fit each class head's {@link io.tatra.forecast.ClassCalibration} on the validation
 *                  part (false in cards written before calibration, and in the short constructor)
 */
public record TrainConfig(Balance balance, int epochs, int batchSize, double learningRate, double weightDecay,
                          int patience, int maxBatchesPerEpoch, double gradClip, long seed, boolean calibrate) {
    public TrainConfig {
        if (balance == null) throw new IllegalArgumentException("balance is required");
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (batchSize < 2) throw new IllegalArgumentException("batchSize must be >= 2, got " + batchSize);
        if (!(learningRate > 0)) throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        if (patience < 1) throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        if (maxBatchesPerEpoch < 0) throw new IllegalArgumentException("maxBatchesPerEpoch must be >= 0, got " + maxBatchesPerEpoch);
        if (!(gradClip > 0)) throw new IllegalArgumentException("gradClip must be > 0, got " + gradClip);
    }

    /** Without calibration (tests, probes, heads trained by hand). */
    public TrainConfig(Balance balance, int epochs, int batchSize, double learningRate, double weightDecay,
                       int patience, int maxBatchesPerEpoch, double gradClip, long seed) {
        this(balance, epochs, batchSize, learningRate, weightDecay, patience, maxBatchesPerEpoch, gradClip, seed, false);
    }

    public static TrainConfig defaults(Balance balance, long seed) {
        return new TrainConfig(balance, 20, 64, 1e-3, 1e-4, 3, 200, 1.0, seed, true);
    }

    public TrainConfig withEpochs(int e) { return new TrainConfig(balance, e, batchSize, learningRate, weightDecay, patience, maxBatchesPerEpoch, gradClip, seed, calibrate); }

    public TrainConfig withBalance(Balance b) { return new TrainConfig(b, epochs, batchSize, learningRate, weightDecay, patience, maxBatchesPerEpoch, gradClip, seed, calibrate); }

    public TrainConfig withSeed(long s) { return new TrainConfig(balance, epochs, batchSize, learningRate, weightDecay, patience, maxBatchesPerEpoch, gradClip, s, calibrate); }

    public TrainConfig withLearningRate(double lr) { return new TrainConfig(balance, epochs, batchSize, lr, weightDecay, patience, maxBatchesPerEpoch, gradClip, seed, calibrate); }

    public TrainConfig withPatience(int p) { return new TrainConfig(balance, epochs, batchSize, learningRate, weightDecay, p, maxBatchesPerEpoch, gradClip, seed, calibrate); }

    public TrainConfig withCalibration(boolean on) { return new TrainConfig(balance, epochs, batchSize, learningRate, weightDecay, patience, maxBatchesPerEpoch, gradClip, seed, on); }

    public TrainConfig withBatches(int b) { return new TrainConfig(balance, epochs, batchSize, learningRate, weightDecay, patience, b, gradClip, seed, calibrate); }
}
