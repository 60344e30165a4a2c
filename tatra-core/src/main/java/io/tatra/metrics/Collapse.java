package io.tatra.metrics;

import io.tatra.forecast.ForecastKind;
import io.tatra.forecast.Forecasts;
import io.tatra.forecast.TaskSpec;

/**
 * Tells a head that forecasts one and the same distribution for every window (a collapsed head: it learnt the class
 * prior and nothing else) from one that reads its input. Issue 17 found the unified model's direction head in that
 * state: its hidden units dead in GELU's flat tail, its probabilities varying by 0.00003 across 17,632 windows.
 */
public final class Collapse {
    /** Below this mean spread of the class probabilities, a head forecasts a constant. */
    public static final double THRESHOLD = 1e-3;

    private Collapse() {}

    /** The mean over classes of the standard deviation of the class probability across windows; NaN for a non-class task. */
    public static double spread(Forecasts p, TaskSpec task) {
        if (task.kind() != ForecastKind.CLASSES || !p.has(task) || p.size() < 2) return Double.NaN;
        int k = task.classes().size(), n = p.size();
        double[] v = p.array(task);
        double total = 0;
        for (int c = 0; c < k; c++) {
            double m1 = 0, m2 = 0;
            for (int i = 0; i < n; i++) {
                double x = v[i * k + c];
                m1 += x;
                m2 += x * x;
            }
            m1 /= n;
            total += Math.sqrt(Math.max(0, m2 / n - m1 * m1));
        }
        return total / k;
    }

    /** True when the task's class probabilities hardly vary across windows. */
    public static boolean collapsed(Forecasts p, TaskSpec task) {
        double s = spread(p, task);
        return Double.isFinite(s) && s < THRESHOLD;
    }
}
