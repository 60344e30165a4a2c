package io.tatra.metrics;

import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.Forecasts;

import java.util.Arrays;

/**
 * How often a model's direction, regime and return outputs contradict each other with confidence.
 *
 * <p>Each head gives a bullish score: direction {@code P(up) − P(down)}, regime {@code P(bull) − P(bear)},
 * return the forecast itself, each centred on its median over the test windows (the head's lean in every
 * window is not a view about this window: a head that always says "up" says nothing, and must not make a
 * model look consistent). A head is confident on a window when its |centred score| is in the top
 * {@code 1 − quantile} of its own (a per-head, scale-free threshold). A window contradicts when two confident
 * heads point opposite ways; the rate is over windows with at least two confident heads. A head with
 * constant output is never confident.
 */
public final class Consistency {
    /** Default confidence quantile: a head's top 30 % of |score| count as confident. */
    public static final double DEFAULT_QUANTILE = 0.7;

    private Consistency() {}

    /** Whether the forecasts have the three heads the rate compares (direction, regime, return). */
    public static boolean applies(Forecasts p) {
        return p.has(CoreTasks.DIRECTION) && p.has(CoreTasks.REGIME) && p.has(CoreTasks.RETURN);
    }

    /** Contradiction rate in [0, 1], NaN when no window has two confident heads. */
    public static double contradictionRate(Forecasts p, double quantile) {
        if (!(quantile > 0 && quantile < 1)) throw new IllegalArgumentException("quantile must be in (0,1), got " + quantile);
        if (!applies(p)) throw new IllegalArgumentException("the contradiction rate needs direction, regime and return forecasts");
        int n = p.size();
        double[] up = p.probabilities(CoreTasks.DIRECTION, CoreTasks.UP), down = p.probabilities(CoreTasks.DIRECTION, CoreTasks.DOWN);
        double[] bull = p.probabilities(CoreTasks.REGIME, CoreTasks.BULL), bear = p.probabilities(CoreTasks.REGIME, CoreTasks.BEAR);
        double[] ret = p.array(CoreTasks.RETURN);
        double[][] score = new double[3][n];
        for (int i = 0; i < n; i++) {
            score[0][i] = up[i] - down[i];
            score[1][i] = bull[i] - bear[i];
            score[2][i] = ret[i];
        }
        double[] threshold = new double[3];
        for (int h = 0; h < 3; h++) {
            double[] sorted = score[h].clone();
            Arrays.sort(sorted);
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            for (int i = 0; i < n; i++) score[h][i] -= median;
            double[] abs = Arrays.stream(score[h]).map(Math::abs).sorted().toArray();
            threshold[h] = abs[Math.min(n - 1, (int) Math.floor(quantile * n))];
        }
        int eligible = 0, contradicting = 0;
        for (int i = 0; i < n; i++) {
            int pos = 0, neg = 0;
            for (int h = 0; h < 3; h++) {
                double s = score[h][i];
                if (Math.abs(s) < threshold[h] || Math.abs(s) < 1e-12) continue;
                if (s > 0) pos++; else neg++;
            }
            if (pos + neg < 2) continue;
            eligible++;
            if (pos > 0 && neg > 0) contradicting++;
        }
        return eligible == 0 ? Double.NaN : (double) contradicting / eligible;
    }
}
