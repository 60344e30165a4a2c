package io.tatra.features;

import io.tatra.features.indicators.DoubleRing;

import static io.tatra.features.Feature.*;

/** Funding, open-interest change and book imbalance, each with a mask (1 = known, 0 = missing, value NaN). */
final class ExchangeBlock implements FeatureBlock {
    private final DoubleRing oi = new DoubleRing(25);

    @Override
    public void step(StepInput in, double[] out) {
        boolean funding = !Double.isNaN(in.fundingBp);
        out[FUNDING_RATE.ordinal()] = in.fundingBp;
        out[FUNDING_MASK.ordinal()] = funding ? 1 : 0;

        oi.push(in.openInterest);
        double now = in.openInterest;
        double prev = oi.size() > 1 ? oi.get(1) : Double.NaN;
        double day = oi.size() > 24 ? oi.get(24) : Double.NaN;
        out[OI_CHANGE_1.ordinal()] = logRatio(now, prev);
        out[OI_CHANGE_24.ordinal()] = logRatio(now, day);
        out[OI_MASK.ordinal()] = Double.isNaN(out[OI_CHANGE_1.ordinal()]) ? 0 : 1;

        out[BOOK_IMBALANCE_20.ordinal()] = in.bookImbalance;
        out[BOOK_MASK.ordinal()] = Double.isNaN(in.bookImbalance) ? 0 : 1;
    }

    private static double logRatio(double a, double b) {
        return a > 0 && b > 0 ? Math.log(a / b) : Double.NaN;
    }
}
