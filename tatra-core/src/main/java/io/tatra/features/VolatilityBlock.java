package io.tatra.features;

import io.tatra.features.indicators.Atr;
import io.tatra.features.indicators.Moments;
import io.tatra.features.indicators.RollingSum;

import static io.tatra.features.Feature.*;

/** Close-to-close, Parkinson, Garman–Klass, Rogers–Satchell and Yang–Zhang at 20 and 64 bars; NATR(14). */
final class VolatilityBlock implements FeatureBlock {
    private static final double FOUR_LN2 = 4 * Math.log(2);
    private static final double GK_C = 2 * Math.log(2) - 1;

    private final Window w20 = new Window(20), w64 = new Window(64);
    private final Atr atr = new Atr(14);

    @Override
    public void step(StepInput in, double[] out) {
        double u = in.lnHigh - in.lnLow;
        double c = in.lnClose - in.lnOpen;
        double rs = (in.lnHigh - in.lnClose) * (in.lnHigh - in.lnOpen) + (in.lnLow - in.lnClose) * (in.lnLow - in.lnOpen);
        double gk = 0.5 * u * u - GK_C * c * c;
        double o = in.runIndex == 0 ? Double.NaN : in.lnOpen - in.lnPrevClose;
        w20.push(in.ret, u * u, gk, rs, o, c);
        w64.push(in.ret, u * u, gk, rs, o, c);
        w20.write(out, VOL_CC_20, VOL_PARKINSON_20, VOL_GARMAN_KLASS_20, VOL_ROGERS_SATCHELL_20, VOL_YANG_ZHANG_20);
        w64.write(out, VOL_CC_64, VOL_PARKINSON_64, VOL_GARMAN_KLASS_64, VOL_ROGERS_SATCHELL_64, VOL_YANG_ZHANG_64);
        out[NATR_14.ordinal()] = atr.update(in.high, in.low, in.close) / in.close;
    }

    private static final class Window {
        final int n;
        final double k;
        final RollingSum r, r2, park, gk, rs, o, o2, c, c2;

        Window(int n) {
            this.n = n;
            k = 0.34 / (1.34 + (n + 1.0) / (n - 1.0));
            r = new RollingSum(n); r2 = new RollingSum(n);
            park = new RollingSum(n); gk = new RollingSum(n); rs = new RollingSum(n);
            o = new RollingSum(n); o2 = new RollingSum(n); c = new RollingSum(n); c2 = new RollingSum(n);
        }

        void push(double ret, double u2, double gkTerm, double rsTerm, double overnight, double body) {
            park.push(u2);
            gk.push(gkTerm);
            rs.push(rsTerm);
            c.push(body);
            c2.push(body * body);
            if (!Double.isNaN(ret)) {
                r.push(ret);
                r2.push(ret * ret);
                o.push(overnight);
                o2.push(overnight * overnight);
            }
        }

        void write(double[] out, Feature cc, Feature pk, Feature gkF, Feature rsF, Feature yz) {
            int m = park.count();
            out[cc.ordinal()] = Math.sqrt(Moments.sampleVariance(r.count(), r.sum(), r2.sum()));
            out[pk.ordinal()] = Math.sqrt(park.sum() / m / FOUR_LN2);
            out[gkF.ordinal()] = Math.sqrt(Math.max(0, gk.sum() / m));
            double rsVar = Math.max(0, rs.sum() / m);
            out[rsF.ordinal()] = Math.sqrt(rsVar);
            double varO = Moments.sampleVariance(o.count(), o.sum(), o2.sum());
            double varC = Moments.sampleVariance(c.count(), c.sum(), c2.sum());
            out[yz.ordinal()] = Math.sqrt(varO + k * varC + (1 - k) * rsVar);
        }
    }
}
