package io.tatra.model.task;

import io.tatra.dataset.SymbolData;
import io.tatra.labels.LabelSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of built-in tasks. The four core tasks are trained together; the others are added on a frozen encoder. */
public final class Tasks {
    /** The anomaly threshold: the next bar's |log return| above this many trailing σ. */
    public static final double ANOMALY_SIGMAS = 3;

    public static final Task DIRECTION = new Task("direction", TaskKind.CLASSES, 3,
            (d, r) -> d.labels().direction()[r], "down / sideways / up over h bars, threshold scaled by trailing volatility");
    public static final Task VOLATILITY = new Task("volatility", TaskKind.LOG_VARIANCE, 0,
            (d, r) -> d.labels().forwardVolatility()[r], "realized volatility of the next h one-bar log returns (QLIKE)");
    public static final Task REGIME = new Task("regime", TaskKind.CLASSES, 3,
            (d, r) -> d.labels().regime()[r], "bull / bear / sideways by forward trend scanning");
    public static final Task RETURN = new Task("return", TaskKind.ROBUST_REGRESSION, 0,
            (d, r) -> d.labels().forwardReturn()[r], "log return over the next h bars (Huber on the standardized return)");
    public static final Task ANOMALY = new Task("anomaly", TaskKind.BINARY, 0, Tasks::anomaly,
            "the next bar's |log return| exceeds " + ANOMALY_SIGMAS + " trailing sigma");
    public static final Task WIN = new Task("win", TaskKind.BINARY, 0,
            (d, r) -> d.labels().barrier()[r] == 1 ? 1 : 0, "triple barrier: take profit (+sigma*sqrt(h)) is hit before the stop within h bars");

    // design document 003's sequence (LSTM) tasks: entry timing, trend and pattern labels (PathLabels, the label set)
    public static final Task TIME_TO_TARGET = new Task("time_to_target", TaskKind.ROBUST_REGRESSION, 0,
            (d, r) -> d.labels().barrierBars()[r], "bars until the forward path first reaches the take-profit or stop barrier (+/-sigma*sqrt(h); h when neither)");
    public static final Task TREND_STRENGTH = new Task("trend_strength", TaskKind.ROBUST_REGRESSION, 0,
            (d, r) -> Math.abs(d.labels().trendT()[r]), "|t| of the forward trend-scanning regression (how clean the coming trend is)");
    public static final Task REVERSAL = new Task("reversal", TaskKind.BINARY, 0,
            (d, r) -> io.tatra.labels.PathLabels.reversal(d.labels(), d.runIndex(), r, d.labels().config().horizon()),
            "the regime label changes within the next h bars");
    public static final Task BREAKOUT = new Task("breakout", TaskKind.BINARY, 0,
            (d, r) -> io.tatra.labels.PathLabels.breakout(d.bars(), d.runIndex(), r, d.labels().config().horizon()),
            "a high above or a low below the trailing 24-bar range within the next h bars");
    public static final Task PATTERN = new Task("pattern", TaskKind.CLASSES, 4,
            (d, r) -> io.tatra.labels.PathLabels.pattern(d.bars(), d.runIndex(), r, d.labels().config().horizon(), d.labels().sigma()[r]),
            "range / breakout up / breakout down / trend continuation over the next h bars");
    /** The tasks an LSTM sequence model is trained on, beside direction and volatility. */
    public static final List<Task> SEQUENCE = List.of(TIME_TO_TARGET, TREND_STRENGTH, REVERSAL, BREAKOUT, PATTERN);

    public static final List<Task> CORE = List.of(DIRECTION, VOLATILITY, REGIME, RETURN);
    private static final Map<String, Task> ALL = new LinkedHashMap<>();

    static {
        for (Task t : List.of(DIRECTION, VOLATILITY, REGIME, RETURN, ANOMALY, WIN, TIME_TO_TARGET, TREND_STRENGTH, REVERSAL, BREAKOUT, PATTERN)) ALL.put(t.name(), t);
    }

    private Tasks() {}

    public static Task byName(String name) {
        Task t = ALL.get(name);
        if (t == null) throw new io.tatra.TatraException("unknown task '" + name + "'; known: " + String.join(", ", ALL.keySet()));
        return t;
    }

    public static List<Task> all() { return List.copyOf(ALL.values()); }

    /** The generator's true regime (Regime ordinal), NaN on real data. For evaluation only, never trained on. */
    public static double trueRegime(SymbolData d, int row) {
        byte t = d.labels().trueRegime()[row];
        return t < 0 ? Double.NaN : t;
    }

    private static double anomaly(SymbolData d, int row) {
        LabelSet l = d.labels();
        var bars = d.bars();
        if (row + 1 >= bars.size() || !(l.sigma()[row] > 0)) return Double.NaN;
        double move = Math.abs(Math.log(bars.close(row + 1) / bars.close(row)));
        return move > ANOMALY_SIGMAS * l.sigma()[row] ? 1 : 0;
    }
}
