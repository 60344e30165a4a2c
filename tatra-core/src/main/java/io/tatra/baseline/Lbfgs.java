package io.tatra.baseline;

/** Limited-memory BFGS with a backtracking (Armijo) line search, for smooth convex problems. */
final class Lbfgs {
    /** The objective: returns f(x) and writes ∇f(x) into {@code grad}. */
    interface Objective { double value(double[] x, double[] grad); }

    private Lbfgs() {}

    static double[] minimize(Objective f, double[] x0, int memory, int maxIter, double gradTol) {
        int d = x0.length;
        double[] x = x0.clone(), g = new double[d];
        double fx = f.value(x, g);
        double[][] sHist = new double[memory][], yHist = new double[memory][];
        double[] rho = new double[memory];
        int stored = 0, head = 0;
        for (int it = 0; it < maxIter; it++) {
            if (norm(g) < gradTol * Math.max(1, norm(x))) break;
            double[] q = g.clone();
            double[] alpha = new double[memory];
            for (int k = 0; k < stored; k++) {
                int i = Math.floorMod(head - 1 - k, memory);
                alpha[i] = rho[i] * dot(sHist[i], q);
                axpy(-alpha[i], yHist[i], q);
            }
            if (stored > 0) {
                int last = Math.floorMod(head - 1, memory);
                double gamma = dot(sHist[last], yHist[last]) / dot(yHist[last], yHist[last]);
                for (int j = 0; j < d; j++) q[j] *= gamma;
            } else {
                double scale = 1 / Math.max(1, norm(g));
                for (int j = 0; j < d; j++) q[j] *= scale;
            }
            for (int k = stored - 1; k >= 0; k--) {
                int i = Math.floorMod(head - 1 - k, memory);
                double beta = rho[i] * dot(yHist[i], q);
                axpy(alpha[i] - beta, sHist[i], q);
            }
            double slope = -dot(g, q);
            if (slope >= 0) { // not a descent direction: restart from steepest descent
                stored = 0;
                q = g.clone();
                slope = -dot(g, g);
            }
            double step = 1, fNew;
            double[] xNew = new double[d], gNew = new double[d];
            while (true) {
                for (int j = 0; j < d; j++) xNew[j] = x[j] - step * q[j];
                fNew = f.value(xNew, gNew);
                if (fNew <= fx + 1e-4 * step * slope || step < 1e-12) break;
                step *= 0.5;
            }
            if (step < 1e-12) break;
            double[] s = new double[d], y = new double[d];
            for (int j = 0; j < d; j++) { s[j] = xNew[j] - x[j]; y[j] = gNew[j] - g[j]; }
            double sy = dot(s, y);
            if (sy > 1e-12) {
                sHist[head] = s;
                yHist[head] = y;
                rho[head] = 1 / sy;
                head = (head + 1) % memory;
                stored = Math.min(stored + 1, memory);
            }
            boolean done = Math.abs(fx - fNew) < 1e-12 * Math.max(1, Math.abs(fx));
            x = xNew;
            g = gNew;
            fx = fNew;
            if (done) break;
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double norm(double[] a) { return Math.sqrt(dot(a, a)); }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] += a * x[i];
    }
}
