package io.tatra.gbm;

import io.tatra.dataset.FoldWindows;
import io.tatra.forecast.Contender;
import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.Forecasts;
import io.tatra.forecast.TaskSpec;

import java.util.function.Consumer;

/**
 * LightGBM as a contender in {@code tatra evaluate}: one booster per core task on the {@link WindowSummary} of each
 * window (192 columns), trained on the fold's training windows with early stopping on its validation windows, one fit
 * per seed (the seed drives row and feature subsampling). Direction and regime: multiclass log-loss; volatility: gamma
 * deviance on the squared forward volatility (QLIKE's cousin), forecast as its square root; return: Huber on the
 * return standardized by the training median and IQR; the win label: binary log-loss.
 */
public final class GbmContender implements Contender {
    public static final String CODE = "lightgbm";
    private final GbmConfig config;

    public GbmContender(GbmConfig config) { this.config = config; }

    @Override public String code() { return CODE; }

    @Override public String label() { return "LightGBM, window summary"; }

    @Override public boolean seeded() { return true; }

    @Override
    public Forecasts fit(FoldWindows data, long seed, Consumer<String> progress) {
        GbmConfig cfg = config.withSeed(seed);
        WindowSummary ws = WindowSummary.of(data);
        double[] xTr = ws.rows(data.train()), xVa = ws.rows(data.validation()), xTe = ws.rows(data.test());
        int n = data.test().size();
        Forecasts out = Forecasts.none(n);
        for (TaskSpec spec : java.util.stream.Stream.concat(CoreTasks.ALL.stream(), java.util.stream.Stream.of(CoreTasks.WIN)).toList())
            try (GbmTask.Trained t = GbmTask.train(data, spec, xTr, xVa, cfg, progress)) {
                out = out.with(spec, t.predict(xTe, n));
            }
        return out;
    }

    @Override public String toString() { return CODE; }
}
