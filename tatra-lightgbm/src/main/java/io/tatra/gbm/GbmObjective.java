package io.tatra.gbm;

/**
 * What a booster is trained for, with the LightGBM objective and validation metric that go with it. The metric is
 * the one early stopping watches (lower is better for all of them).
 */
public enum GbmObjective {
    /** k classes, softmax; metric multi_logloss. Predictions are probabilities, {@code k} per row. */
    MULTICLASS("multiclass", "multi_logloss"),
    /** Yes/no; metric binary_logloss. Predictions are the probability of yes. */
    BINARY("binary", "binary_logloss"),
    /**
     * A positive target (a realized variance), log link; metric gamma deviance. The gamma deviance is QLIKE up to a
     * factor of 2, so this is what the volatility heads are scored on.
     */
    GAMMA("gamma", "gamma_deviance"),
    /** A real target (a standardized return); Huber loss with δ = 1 like the unified model's return head. */
    HUBER("huber", "huber"),
    /** A count (bars until the regime changes), log link; metric Poisson deviance. Predictions are the expected count. */
    POISSON("poisson", "poisson");

    private final String objective, metric;

    GbmObjective(String objective, String metric) {
        this.objective = objective;
        this.metric = metric;
    }

    public String objective() { return objective; }

    public String metric() { return metric; }
}
