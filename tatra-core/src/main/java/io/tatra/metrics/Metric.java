package io.tatra.metrics;

import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.TaskSpec;

import java.util.List;

/** Every figure {@code tatra evaluate} reports, with its task and whether higher is better. */
public enum Metric {
    DIRECTION_LOG_LOSS(CoreTasks.DIRECTION, "log_loss", "log-loss", false),
    DIRECTION_BALANCED_ACCURACY(CoreTasks.DIRECTION, "balanced_accuracy", "bal. acc.", true),
    DIRECTION_ECE(CoreTasks.DIRECTION, "ece", "ECE", false),
    VOLATILITY_QLIKE(CoreTasks.VOLATILITY, "qlike", "QLIKE", false),
    /** Out-of-sample R² of log volatility: penalizes bias too (a variance forecast sits above E[log], Jensen). */
    VOLATILITY_R2_LOG(CoreTasks.VOLATILITY, "r2_log_vol", "R² log-vol", true),
    /** Mincer–Zarnowitz R² of log volatility (squared correlation): how much of the variation the forecast explains after a linear recalibration. */
    VOLATILITY_MZ_R2_LOG(CoreTasks.VOLATILITY, "mz_r2_log_vol", "MZ R² log-vol", true),
    REGIME_MACRO_F1(CoreTasks.REGIME, "macro_f1", "macro-F1", true),
    REGIME_LOG_LOSS(CoreTasks.REGIME, "log_loss", "log-loss", false),
    REGIME_MACRO_F1_TRUE(CoreTasks.REGIME, "macro_f1_true_regime", "F1 vs true", true),
    /** Balanced accuracy against the generator's regimes: chance is exactly 1/3 whatever the class balance. */
    REGIME_BALANCED_ACCURACY_TRUE(CoreTasks.REGIME, "balanced_accuracy_true_regime", "bal. acc. vs true", true),
    RETURN_IC(CoreTasks.RETURN, "ic", "IC", true),
    RETURN_RANK_IC(CoreTasks.RETURN, "rank_ic", "rank IC", true),
    RETURN_HIT_RATE(CoreTasks.RETURN, "hit_rate", "hit rate", true),
    RETURN_HUBER(CoreTasks.RETURN, "huber", "Huber", false),
    WIN_LOG_LOSS(CoreTasks.WIN, "log_loss", "log-loss", false),
    WIN_BRIER(CoreTasks.WIN, "brier", "Brier", false),
    WIN_AUC(CoreTasks.WIN, "auc", "AUC", true);

    private final TaskSpec task;
    private final String code, label;
    private final boolean higherIsBetter;

    Metric(TaskSpec task, String code, String label, boolean higherIsBetter) {
        this.task = task;
        this.code = code;
        this.label = label;
        this.higherIsBetter = higherIsBetter;
    }

    public TaskSpec task() { return task; }

    /** The JSON key inside its task. */
    public String code() { return code; }

    /** The column header, with ↑ or ↓. */
    public String label() { return label + (higherIsBetter ? " ↑" : " ↓"); }

    public boolean higherIsBetter() { return higherIsBetter; }

    /** The tasks these metrics score, in report order: the four core tasks, then the win label. */
    public static List<TaskSpec> tasks() { return List.of(CoreTasks.DIRECTION, CoreTasks.VOLATILITY, CoreTasks.REGIME, CoreTasks.RETURN, CoreTasks.WIN); }

    /**
     * The metric Δm compares for a task: the loss each head is trained on (log-loss, QLIKE, log-loss, Huber).
     * Losses are strictly positive and stable, unlike IC or F1 near zero, so relative changes stay meaningful.
     */
    public static Metric primary(TaskSpec t) {
        if (t.equals(CoreTasks.DIRECTION)) return DIRECTION_LOG_LOSS;
        if (t.equals(CoreTasks.VOLATILITY)) return VOLATILITY_QLIKE;
        if (t.equals(CoreTasks.REGIME)) return REGIME_LOG_LOSS;
        if (t.equals(CoreTasks.RETURN)) return RETURN_HUBER;
        if (t.equals(CoreTasks.WIN)) return WIN_LOG_LOSS;
        throw new IllegalArgumentException("no metric scores task '" + t.name() + "'");
    }
}
