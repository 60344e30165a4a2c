package io.tatra.features;

import io.tatra.features.indicators.Moments;
import io.tatra.features.indicators.RollingCorrelation;
import io.tatra.features.indicators.RollingSum;

import static io.tatra.features.Feature.*;

/** Volume z-scores and ratios, volume–return correlations and the signed-volume share. */
final class VolumeBlock implements FeatureBlock {
    private final RollingSum lv20 = new RollingSum(20), lvSq20 = new RollingSum(20);
    private final RollingSum lv96 = new RollingSum(96), lvSq96 = new RollingSum(96);
    private final RollingSum v20 = new RollingSum(20), v96 = new RollingSum(96);
    private final RollingCorrelation retCorr = new RollingCorrelation(24), absCorr = new RollingCorrelation(24);
    private final RollingSum signed = new RollingSum(24), total = new RollingSum(24);
    private double retCorrValue = Double.NaN, absCorrValue = Double.NaN;

    @Override
    public void step(StepInput in, double[] out) {
        double lv = in.lnVolume1p;
        lv20.push(lv); lvSq20.push(lv * lv); lv96.push(lv); lvSq96.push(lv * lv);
        v20.push(in.volume); v96.push(in.volume);
        out[VOLUME_Z_20.ordinal()] = zScore(lv, lv20, lvSq20);
        out[VOLUME_Z_96.ordinal()] = zScore(lv, lv96, lvSq96);
        out[VOLUME_RATIO_20.ordinal()] = ratio(in.volume, v20);
        out[VOLUME_RATIO_96.ordinal()] = ratio(in.volume, v96);
        if (!Double.isNaN(in.ret)) {
            retCorrValue = retCorr.update(in.ret, lv);
            absCorrValue = absCorr.update(Math.abs(in.ret), lv);
            signed.push(Math.signum(in.ret) * in.volume);
            total.push(in.volume);
        }
        out[VOLUME_RETURN_CORR_24.ordinal()] = retCorrValue;
        out[VOLUME_ABSRETURN_CORR_24.ordinal()] = absCorrValue;
        out[SIGNED_VOLUME_24.ordinal()] = total.sum() > 0 ? signed.sum() / total.sum() : Double.NaN;
    }

    private static double zScore(double x, RollingSum sum, RollingSum sumSq) {
        double var = Moments.sampleVariance(sum.count(), sum.sum(), sumSq.sum());
        return var > 0 ? (x - sum.sum() / sum.count()) / Math.sqrt(var) : Double.NaN;
    }

    private static double ratio(double v, RollingSum sum) {
        double mean = sum.sum() / sum.count();
        return mean > 0 ? v / mean : Double.NaN;
    }
}
