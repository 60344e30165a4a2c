package io.tatra.gbm;

import io.tatra.forecast.Forecast;
import io.tatra.forecast.Forecaster;
import io.tatra.forecast.TaskSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LightGBM boosters behind the engine-neutral {@link Forecaster}: a normalized 96 × 64 window → its
 * {@link WindowSummary} → one booster per task, in label units. The same strategy object that runs the unified model
 * runs these, in a backtest, on the paper exchange or live.
 */
public final class GbmForecaster implements Forecaster, AutoCloseable {
    /** One task's booster with the task's objective and target scaling. */
    public record Head(GbmTask task, GbmModel model) {
        /** Forecasts in label units for {@code rows} summary rows. */
        public double[] predict(double[] x, int rows) { return task.toLabel(model.predict(x, rows)); }
    }

    private final List<Head> heads;

    public GbmForecaster(List<Head> heads) {
        if (heads.isEmpty()) throw new IllegalArgumentException("a LightGBM forecaster needs at least one booster");
        this.heads = List.copyOf(heads);
    }

    public List<Head> heads() { return heads; }

    @Override public List<TaskSpec> tasks() {
        List<TaskSpec> out = new ArrayList<>();
        for (Head h : heads) out.add(h.task().spec());
        return out;
    }

    /** Every head's forecasts for {@code rows} window summaries at once (a backtest's batch path). */
    public io.tatra.forecast.Forecasts forecasts(double[] summaries, int rows) {
        io.tatra.forecast.Forecasts p = io.tatra.forecast.Forecasts.none(rows);
        for (Head h : heads) p = p.with(h.task().spec(), h.predict(summaries, rows));
        return p;
    }

    @Override
    public Forecast forecast(float[] window) {
        double[] row = new double[WindowSummary.COLUMNS];
        WindowSummary.of(window, 0, row, 0);
        Map<TaskSpec, double[]> out = new LinkedHashMap<>();
        for (Head h : heads) out.put(h.task().spec(), h.predict(row, 1));
        return new Forecast(out);
    }

    @Override
    public void close() { for (Head h : heads) h.model().close(); }
}
