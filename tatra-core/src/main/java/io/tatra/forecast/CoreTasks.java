package io.tatra.forecast;

import java.util.List;

/** The four core tasks every decision reads, with their class names (the order engines give probabilities in). */
public final class CoreTasks {
    public static final String DOWN = "down", SIDE = "side", UP = "up", BULL = "bull", BEAR = "bear", SIDEWAYS = "sideways";

    public static final TaskSpec DIRECTION = new TaskSpec("direction", ForecastKind.CLASSES, List.of(DOWN, SIDE, UP),
            "down / sideways / up over h bars, threshold scaled by trailing volatility");
    public static final TaskSpec VOLATILITY = new TaskSpec("volatility", ForecastKind.SCALE, List.of(),
            "realized volatility per bar of the next h one-bar log returns");
    public static final TaskSpec REGIME = new TaskSpec("regime", ForecastKind.CLASSES, List.of(BULL, BEAR, SIDEWAYS),
            "bull / bear / sideways by forward trend scanning");
    public static final TaskSpec RETURN = new TaskSpec("return", ForecastKind.VALUE, List.of(), "log return over the next h bars");

    public static final List<TaskSpec> ALL = List.of(DIRECTION, VOLATILITY, REGIME, RETURN);

    /**
     * The win label {@code tatra evaluate} scores beside the four (not needed for a decision): the triple barrier's
     * take profit (+σ√h) is hit before its stop within h bars.
     */
    public static final TaskSpec WIN = new TaskSpec("win", ForecastKind.PROBABILITY, List.of(),
            "triple barrier: take profit (+sigma*sqrt(h)) is hit before the stop within h bars");

    private CoreTasks() {}
}
