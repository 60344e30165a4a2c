package io.tatra.labels;

/**
 * The regime-duration label: at a bar with a valid regime label, the number of bars until the regime label first
 * differs from the bar's own ({@code k ≥ 1} with {@code regime[t + k] ≠ regime[t]}). It looks ahead by construction,
 * like every label, and only at regime labels; a model reads it as a target, never as an input. When the run of bars
 * breaks (a gap) or the labels stop being valid before any change, the duration is unknown (censored) and the label
 * is {@link #CENSORED}: such rows are left out of training and scoring rather than given a guessed length. Only the
 * last regime of each run is censored, so dropping it biases little.
 */
public final class RegimeDuration {
    public static final int CENSORED = -1;

    private RegimeDuration() {}

    /**
     * @param runIndex position of each bar within its gap-free run (0 at a run's first bar), as the dataset keeps it
     */
    public static int[] barsToChange(LabelSet labels, int[] runIndex) {
        int n = labels.rows();
        if (runIndex.length != n) throw new IllegalArgumentException(runIndex.length + " run indices for " + n + " label rows");
        byte[] regime = labels.regime();
        boolean[] valid = labels.valid();
        int[] out = new int[n];
        java.util.Arrays.fill(out, CENSORED);
        // backwards: the next change is known from the row after, so each row costs O(1)
        int nextChange = CENSORED; // bars from row t+1 to the first change after t+1's own regime, CENSORED if unknown
        for (int t = n - 1; t >= 0; t--) {
            if (!valid[t]) { nextChange = CENSORED; continue; }
            boolean linked = t + 1 < n && valid[t + 1] && runIndex[t + 1] == runIndex[t] + 1;
            if (!linked) out[t] = CENSORED;
            else if (regime[t + 1] != regime[t]) out[t] = 1;
            else out[t] = nextChange == CENSORED ? CENSORED : nextChange + 1;
            nextChange = out[t];
        }
        return out;
    }
}
