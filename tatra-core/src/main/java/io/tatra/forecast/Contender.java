package io.tatra.forecast;

import io.tatra.dataset.FoldWindows;

import java.util.function.Consumer;

/**
 * A forecasting method an evaluation puts side by side with the others: fitted on a fold's training (and
 * validation) windows, it forecasts the fold's test windows. The unified model, the specialists, the linear probes
 * and every classical baseline are contenders; a new one is one class, given to the evaluation in its list.
 */
public interface Contender {
    /** The JSON key: lower case, digits and '_'. */
    String code();

    /** The table row name. */
    String label();

    /** Trained with randomness (one fit per seed), as opposed to a deterministic fit made once. */
    default boolean seeded() { return false; }

    /** Fits on {@code data.train()} (and its validation windows) and forecasts {@code data.test()}, in test order. */
    Forecasts fit(FoldWindows data, long seed, Consumer<String> progress);

    /** A deterministic contender from a function. */
    static Contender of(String code, String label, java.util.function.Function<FoldWindows, Forecasts> fit) {
        return new Contender() {
            @Override public String code() { return code; }
            @Override public String label() { return label; }
            @Override public Forecasts fit(FoldWindows data, long seed, Consumer<String> progress) { return fit.apply(data); }
            @Override public String toString() { return code; }
        };
    }
}
