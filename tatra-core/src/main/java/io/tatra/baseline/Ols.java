package io.tatra.baseline;

/** Least squares with a tiny ridge, solved by Cholesky on the normal equations (small designs only). */
final class Ols {
    private Ols() {}

    /** Coefficients b minimizing {@code |y − X b|² + ridge·|b|²}; X is {@code [n][d]}. */
    static double[] fit(double[][] x, double[] y, double ridge) {
        int d = x[0].length;
        double[][] a = new double[d][d];
        double[] rhs = new double[d];
        for (int i = 0; i < x.length; i++) {
            double[] r = x[i];
            for (int p = 0; p < d; p++) {
                rhs[p] += r[p] * y[i];
                for (int q = 0; q <= p; q++) a[p][q] += r[p] * r[q];
            }
        }
        for (int p = 0; p < d; p++) {
            a[p][p] += ridge;
            for (int q = 0; q < p; q++) a[q][p] = a[p][q];
        }
        return solveSpd(a, rhs);
    }

    static double[] solveSpd(double[][] a, double[] b) {
        int d = b.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                if (i == j) {
                    if (!(s > 0)) throw new IllegalArgumentException("the design matrix is singular (a constant or duplicated regressor)");
                    l[i][i] = Math.sqrt(s);
                } else l[i][j] = s / l[j][j];
            }
        }
        double[] z = new double[d], out = new double[d];
        for (int i = 0; i < d; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i][k] * z[k];
            z[i] = s / l[i][i];
        }
        for (int i = d - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < d; k++) s -= l[k][i] * out[k];
            out[i] = s / l[i][i];
        }
        return out;
    }
}
