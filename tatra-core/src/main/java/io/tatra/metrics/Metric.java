package io.tatra.metrics;

/** Every figure {@code tatra evaluate} reports, with its task and whether higher is better. */
public enum Metric {
    DIRECTION_LOG_LOSS(EvalTask.DIRECTION, "log_loss", "log-loss", false),
    DIRECTION_BALANCED_ACCURACY(EvalTask.DIRECTION, "balanced_accuracy", "bal. acc.", true),
    DIRECTION_ECE(EvalTask.DIRECTION, "ece", "ECE", false),
    VOLATILITY_QLIKE(EvalTask.VOLATILITY, "qlike", "QLIKE", false),
    /** Out-of-sample R² of log volatility: penalizes bias too (a variance forecast sits above E[log], Jensen). */
    VOLATILITY_R2_LOG(EvalTask.VOLATILITY, "r2_log_vol", "R² log-vol", true),
    /** Mincer–Zarnowitz R² of log volatility (squared correlation): how much of the variation the forecast explains after a linear recalibration. */
    VOLATILITY_MZ_R2_LOG(EvalTask.VOLATILITY, "mz_r2_log_vol", "MZ R² log-vol", true),
    REGIME_MACRO_F1(EvalTask.REGIME, "macro_f1", "macro-F1", true),
    REGIME_LOG_LOSS(EvalTask.REGIME, "log_loss", "log-loss", false),
    REGIME_MACRO_F1_TRUE(EvalTask.REGIME, "macro_f1_true_regime", "F1 vs true", true),
    /** Balanced accuracy against the generator's regimes: chance is exactly 1/3 whatever the class balance. */
    REGIME_BALANCED_ACCURACY_TRUE(EvalTask.REGIME, "balanced_accuracy_true_regime", "bal. acc. vs true", true),
    RETURN_IC(EvalTask.RETURN, "ic", "IC", true),
    RETURN_RANK_IC(EvalTask.RETURN, "rank_ic", "rank IC", true),
    RETURN_HIT_RATE(EvalTask.RETURN, "hit_rate", "hit rate", true),
    RETURN_HUBER(EvalTask.RETURN, "huber", "Huber", false);

    private final EvalTask task;
    private final String code, label;
    private final boolean higherIsBetter;

    Metric(EvalTask task, String code, String label, boolean higherIsBetter) {
        this.task = task;
        this.code = code;
        this.label = label;
        this.higherIsBetter = higherIsBetter;
    }

    public EvalTask task() { return task; }

    /** The JSON key inside its task. */
    public String code() { return code; }

    /** The column header, with ↑ or ↓. */
    public String label() { return label + (higherIsBetter ? " ↑" : " ↓"); }

    public boolean higherIsBetter() { return higherIsBetter; }

    /**
     * The metric Δm compares for a task: the loss each head is trained on (log-loss, QLIKE, log-loss, Huber).
     * Losses are strictly positive and stable, unlike IC or F1 near zero, so relative changes stay meaningful.
     */
    public static Metric primary(EvalTask t) {
        return switch (t) {
            case DIRECTION -> DIRECTION_LOG_LOSS;
            case VOLATILITY -> VOLATILITY_QLIKE;
            case REGIME -> REGIME_LOG_LOSS;
            case RETURN -> RETURN_HUBER;
        };
    }

    /** The four core tasks evaluated. */
    public enum EvalTask {
        DIRECTION, VOLATILITY, REGIME, RETURN;

        public String code() { return name().toLowerCase(java.util.Locale.ROOT); }
    }
}
