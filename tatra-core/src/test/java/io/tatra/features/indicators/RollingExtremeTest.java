package io.tatra.features.indicators;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RollingExtremeTest {
    @Test
    void equalsAScanOfTheWindowIncludingTiesAndWarmUp() {
        Random rnd = new Random(7);
        for (int period : new int[]{1, 2, 5, 64}) {
            RollingExtreme max = RollingExtreme.max(period), min = RollingExtreme.min(period);
            double[] xs = new double[2_000];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = rnd.nextInt(3) == 0 ? Math.floor(rnd.nextDouble() * 4) : rnd.nextGaussian();
                double hi = Double.NEGATIVE_INFINITY, lo = Double.POSITIVE_INFINITY;
                for (int j = Math.max(0, i - period + 1); j <= i; j++) { hi = Math.max(hi, xs[j]); lo = Math.min(lo, xs[j]); }
                assertEquals(hi, max.update(xs[i]), "max period " + period + " at " + i);
                assertEquals(lo, min.update(xs[i]), "min period " + period + " at " + i);
                assertEquals(hi, max.value());
            }
        }
    }
}
