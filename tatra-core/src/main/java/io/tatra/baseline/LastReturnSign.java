package io.tatra.baseline;

import io.tatra.dataset.Dataset;
import io.tatra.dataset.FoldWindows;
import io.tatra.forecast.Contender;
import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.Forecasts;
import io.tatra.market.BarSeries;

import java.util.List;

/**
 * Persistence: the sign of the last h-bar log return (up to and including the window's last bar) picks one of two
 * training distributions — the direction class frequencies (Laplace-smoothed) and the mean forward return of the
 * training windows that had the same sign. Momentum or reversal, whichever the training data showed; with no
 * persistence in the data it is the class prior.
 */
public final class LastReturnSign {
    public static final Contender CONTENDER = Contender.of("last_sign", "last h-bar return sign", LastReturnSign::fit);

    private LastReturnSign() {}

    static Forecasts fit(FoldWindows d) {
        int h = d.horizon();
        double[][] counts = {{1, 1, 1}, {1, 1, 1}};
        double[] sum = new double[2], n = new double[2];
        for (Dataset.Sample s : d.train()) {
            int side = side(d, s, h);
            var l = d.symbols().get(s.symbol()).labels();
            counts[side][l.direction()[s.row()]]++;
            sum[side] += l.forwardReturn()[s.row()];
            n[side]++;
        }
        List<Dataset.Sample> test = d.test();
        double[] dir = new double[3 * test.size()], ret = new double[test.size()];
        for (int i = 0; i < test.size(); i++) {
            int side = side(d, test.get(i), h);
            double z = counts[side][0] + counts[side][1] + counts[side][2];
            for (int c = 0; c < 3; c++) dir[3 * i + c] = counts[side][c] / z;
            ret[i] = n[side] > 0 ? sum[side] / n[side] : 0;
        }
        return Forecasts.none(test.size()).with(CoreTasks.DIRECTION, dir).with(CoreTasks.RETURN, ret);
    }

    /** 1 when the log return over the h bars ending at the window's last bar is positive, else 0. */
    static int side(FoldWindows d, Dataset.Sample s, int h) {
        BarSeries b = d.symbols().get(s.symbol()).bars();
        int r = s.row();
        return b.close(r) > b.close(Math.max(0, r - h)) ? 1 : 0;
    }
}
