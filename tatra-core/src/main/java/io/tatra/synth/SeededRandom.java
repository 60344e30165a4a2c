package io.tatra.synth;

import java.util.SplittableRandom;

/**
 * Random draws defined in this file (Box–Muller with StrictMath) on top of SplittableRandom, so that a
 * seed gives the same numbers on every JVM and platform.
 */
final class SeededRandom {
    private final SplittableRandom rng;
    private double spare;
    private boolean hasSpare;

    SeededRandom(long seed) { this.rng = new SplittableRandom(seed); }

    double uniform() { return rng.nextDouble(); }

    double gaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u1, u2;
        do { u1 = rng.nextDouble(); } while (u1 <= 0);
        u2 = rng.nextDouble();
        double r = StrictMath.sqrt(-2 * StrictMath.log(u1));
        spare = r * StrictMath.sin(2 * StrictMath.PI * u2);
        hasSpare = true;
        return r * StrictMath.cos(2 * StrictMath.PI * u2);
    }

    /** Student-t with integer {@code dof} degrees of freedom, scaled to unit variance. */
    double studentT(int dof) {
        double chi2 = 0;
        for (int k = 0; k < dof; k++) {
            double g = gaussian();
            chi2 += g * g;
        }
        return gaussian() / StrictMath.sqrt(chi2 / dof) * StrictMath.sqrt((dof - 2.0) / dof);
    }
}
