package io.tatra.model.train;

import java.util.Random;

/** Seeded Fisher–Yates permutations, the one source of sample order in training and pre-training. */
public final class Shuffle {
    private Shuffle() {}

    /** A random permutation of 0..n-1 drawn from {@code random}. */
    public static int[] permutation(int n, Random random) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) o[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = o[i]; o[i] = o[j]; o[j] = t;
        }
        return o;
    }
}
