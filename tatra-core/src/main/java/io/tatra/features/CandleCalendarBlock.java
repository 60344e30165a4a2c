package io.tatra.features;

import static io.tatra.features.Feature.*;

/** Candle shape (body, wicks, range, gap) and hour-of-day / day-of-week on the unit circle. */
final class CandleCalendarBlock implements FeatureBlock {
    private static final double[] HOUR_SIN_T = new double[24], HOUR_COS_T = new double[24];
    private static final double[] DOW_SIN_T = new double[7], DOW_COS_T = new double[7];
    private static final long HOUR_MS = 3_600_000L, DAY_MS = 86_400_000L;

    static {
        for (int h = 0; h < 24; h++) {
            HOUR_SIN_T[h] = StrictMath.sin(2 * StrictMath.PI * h / 24);
            HOUR_COS_T[h] = StrictMath.cos(2 * StrictMath.PI * h / 24);
        }
        for (int d = 0; d < 7; d++) {
            DOW_SIN_T[d] = StrictMath.sin(2 * StrictMath.PI * d / 7);
            DOW_COS_T[d] = StrictMath.cos(2 * StrictMath.PI * d / 7);
        }
    }

    @Override
    public void step(StepInput in, double[] out) {
        double range = in.high - in.low;
        if (range > 0) {
            out[BODY_RATIO.ordinal()] = (in.close - in.open) / range;
            out[UPPER_WICK_RATIO.ordinal()] = (in.high - Math.max(in.open, in.close)) / range;
            out[LOWER_WICK_RATIO.ordinal()] = (Math.min(in.open, in.close) - in.low) / range;
        } else {
            out[BODY_RATIO.ordinal()] = 0;
            out[UPPER_WICK_RATIO.ordinal()] = 0;
            out[LOWER_WICK_RATIO.ordinal()] = 0;
        }
        out[RANGE_LOG.ordinal()] = in.lnHigh - in.lnLow;
        out[GAP_LOG.ordinal()] = in.runIndex == 0 ? Double.NaN : in.lnOpen - in.lnPrevClose;

        int hour = (int) Math.floorMod(Math.floorDiv(in.openTime, HOUR_MS), 24L);
        int dow = (int) Math.floorMod(Math.floorDiv(in.openTime, DAY_MS) + 3, 7L); // 1970-01-01 was a Thursday
        out[HOUR_SIN.ordinal()] = HOUR_SIN_T[hour];
        out[HOUR_COS.ordinal()] = HOUR_COS_T[hour];
        out[DOW_SIN.ordinal()] = DOW_SIN_T[dow];
        out[DOW_COS.ordinal()] = DOW_COS_T[dow];
    }
}
