package io.tatra.baseline;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/** Derivative-free minimization (Nelder–Mead simplex, standard coefficients) for small smooth problems. */
final class NelderMead {
    private NelderMead() {}

    static double[] minimize(ToDoubleFunction<double[]> f, double[] x0, double step, int maxIter, double tol) {
        int d = x0.length;
        double[][] s = new double[d + 1][];
        double[] fs = new double[d + 1];
        for (int i = 0; i <= d; i++) {
            s[i] = x0.clone();
            if (i > 0) s[i][i - 1] += step;
            fs[i] = f.applyAsDouble(s[i]);
        }
        for (int it = 0; it < maxIter; it++) {
            Integer[] o = new Integer[d + 1];
            for (int i = 0; i <= d; i++) o[i] = i;
            final double[] fv = fs;
            Arrays.sort(o, (a, b) -> Double.compare(fv[a], fv[b]));
            double[][] s2 = new double[d + 1][];
            double[] f2 = new double[d + 1];
            for (int i = 0; i <= d; i++) { s2[i] = s[o[i]]; f2[i] = fs[o[i]]; }
            s = s2;
            fs = f2;
            if (Math.abs(fs[d] - fs[0]) < tol * (Math.abs(fs[0]) + tol)) break;
            double[] c = new double[d];
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) c[j] += s[i][j] / d;
            double[] r = lerp(c, s[d], -1);
            double fr = f.applyAsDouble(r);
            if (fr < fs[0]) {
                double[] e = lerp(c, s[d], -2);
                double fe = f.applyAsDouble(e);
                if (fe < fr) { s[d] = e; fs[d] = fe; } else { s[d] = r; fs[d] = fr; }
            } else if (fr < fs[d - 1]) {
                s[d] = r;
                fs[d] = fr;
            } else {
                double[] k = fr < fs[d] ? lerp(c, r, 0.5) : lerp(c, s[d], 0.5);
                double fk = f.applyAsDouble(k);
                if (fk < Math.min(fr, fs[d])) { s[d] = k; fs[d] = fk; } else {
                    for (int i = 1; i <= d; i++) { s[i] = lerp(s[0], s[i], 0.5); fs[i] = f.applyAsDouble(s[i]); }
                }
            }
        }
        int best = 0;
        for (int i = 1; i <= d; i++) if (fs[i] < fs[best]) best = i;
        return s[best];
    }

    /** {@code a + t·(b − a)}. */
    private static double[] lerp(double[] a, double[] b, double t) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] + t * (b[i] - a[i]);
        return out;
    }
}
