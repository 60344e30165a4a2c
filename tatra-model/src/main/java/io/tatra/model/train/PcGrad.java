package io.tatra.model.train;

import java.util.Random;

/**
 * PCGrad (Yu et al., 2020) on the shared parameters: for each task's gradient g_i, visit the other tasks in
 * random order and, when g_i · g_j &lt; 0, remove from g_i its component along g_j; the result is the sum of the
 * projected gradients. Pure arithmetic on flat arrays, so it is tested on hand-made gradients.
 */
public final class PcGrad {
    private PcGrad() {}

    /** The combined gradient and the number of conflicting (i, j) pairs met during projection. */
    public record Result(float[] gradient, int conflicts, int pairs) {}

    public static Result combine(float[][] taskGradients, Random random) {
        int t = taskGradients.length;
        if (t == 0) throw new IllegalArgumentException("no task gradients");
        int n = taskGradients[0].length;
        double[] sum = new double[n];
        int conflicts = 0, pairs = 0;
        for (int i = 0; i < t; i++) {
            if (taskGradients[i].length != n) throw new IllegalArgumentException("task gradients differ in length");
            double[] g = new double[n];
            for (int k = 0; k < n; k++) g[k] = taskGradients[i][k];
            int[] order = shuffledOthers(t, i, random);
            for (int j : order) {
                float[] h = taskGradients[j];
                double dot = 0, norm = 0;
                for (int k = 0; k < n; k++) { dot += g[k] * h[k]; norm += (double) h[k] * h[k]; }
                pairs++;
                if (dot < 0 && norm > 0) {
                    conflicts++;
                    double c = dot / norm;
                    for (int k = 0; k < n; k++) g[k] -= c * h[k];
                }
            }
            for (int k = 0; k < n; k++) sum[k] += g[k];
        }
        float[] out = new float[n];
        for (int k = 0; k < n; k++) out[k] = (float) sum[k];
        return new Result(out, conflicts, pairs);
    }

    private static int[] shuffledOthers(int t, int self, Random random) {
        int[] o = new int[t - 1];
        for (int j = 0, k = 0; j < t; j++) if (j != self) o[k++] = j;
        for (int k = o.length - 1; k > 0; k--) {
            int r = random.nextInt(k + 1);
            int tmp = o[k]; o[k] = o[r]; o[r] = tmp;
        }
        return o;
    }
}
