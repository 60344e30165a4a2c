package io.tatra.metrics;

import io.tatra.dataset.Dataset;
import io.tatra.dataset.SymbolData;
import io.tatra.labels.LabelSet;

import java.util.List;

/**
 * The labels of the test windows.
 *
 * @param win         1 when the triple barrier's take profit came first ({@link io.tatra.forecast.CoreTasks#WIN}), else 0
 * @param trueRegime  the generator's regime per window (synthetic data), or null on real data
 * @param returnScale the Huber scale of standardized return errors, fitted on the training returns
 *                    (IQR / 1.349), shared by every model so their Huber losses compare
 */
public record Truth(int[] direction, double[] volatility, int[] regime, double[] ret, int[] win, int[] trueRegime, double returnScale) {
    public Truth {
        int n = direction.length;
        if (volatility.length != n || regime.length != n || ret.length != n || win.length != n || (trueRegime != null && trueRegime.length != n))
            throw new IllegalArgumentException("label arrays of different lengths");
        if (!(returnScale > 0)) throw new IllegalArgumentException("return scale must be > 0, got " + returnScale);
    }

    public int size() { return direction.length; }

    /** Labels of these samples; every sample must be labelled (see {@code Samples.labelled}). */
    public static Truth of(List<SymbolData> symbols, List<Dataset.Sample> samples, double returnScale) {
        int n = samples.size();
        int[] dir = new int[n], reg = new int[n], truth = new int[n], win = new int[n];
        double[] vol = new double[n], ret = new double[n];
        boolean anyTruth = false;
        for (int i = 0; i < n; i++) {
            Dataset.Sample s = samples.get(i);
            LabelSet l = symbols.get(s.symbol()).labels();
            int r = s.row();
            if (l.direction()[r] < 0 || l.regime()[r] < 0 || !Double.isFinite(l.forwardVolatility()[r]) || !Double.isFinite(l.forwardReturn()[r]))
                throw new IllegalArgumentException("sample " + s + " has no labels");
            dir[i] = l.direction()[r];
            reg[i] = l.regime()[r];
            vol[i] = l.forwardVolatility()[r];
            ret[i] = l.forwardReturn()[r];
            win[i] = l.barrier()[r] == 1 ? 1 : 0;
            truth[i] = l.trueRegime()[r];
            anyTruth |= truth[i] >= 0;
        }
        return new Truth(dir, vol, reg, ret, win, anyTruth ? truth : null, returnScale);
    }
}
