package io.tatra.meta;

import io.tatra.TatraException;

/**
 * Design document 003's "Data Requirements Summary" as a gate every trainer runs first, on the whole data and on the
 * training part of each fold: below the minimum it refuses, saying how much there is, how much is needed and how to
 * get more; below the recommended amount it warns.
 */
public enum DataSufficiency {
    /** LightGBM win probability: 50 closed trades at least, 500+ for a stable model. */
    META_LABELS(50, 500, "closed trades", "run a longer backtest (tatra backtest over more bars or symbols) or trade longer, then train again"),
    /** LSTM: 200 sequences (about 1,000 hourly bars) at least, 5,000+ recommended. */
    LSTM(200, 5_000, "sequences", "import or download more history (tatra import / tatra download)"),
    /** PPO: 1,000 episodes at least. */
    PPO(1_000, 10_000, "episodes", "use more history or shorter episodes");

    private final int minimum, recommended;
    private final String unit, remedy;

    DataSufficiency(int minimum, int recommended, String unit, String remedy) {
        this.minimum = minimum;
        this.recommended = recommended;
        this.unit = unit;
        this.remedy = remedy;
    }

    public int minimum() { return minimum; }

    public int recommended() { return recommended; }

    /**
     * Refuses (a user error) when {@code have} is below the minimum; returns a warning below the recommended amount,
     * else null. {@code where} names the data checked, e.g. "the training part of fold 2".
     */
    public String check(long have, String where) {
        String what = name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        if (have < minimum)
            throw new TatraException(String.format(java.util.Locale.ROOT, "not enough data to train %s: %s has %,d %s, at least %,d are needed (%,d+ recommended); %s",
                    what, where, have, unit, minimum, recommended, remedy));
        if (have < recommended)
            return String.format(java.util.Locale.ROOT, "warning: %s has %,d %s for %s, fewer than the %,d recommended; expect an unstable model", where, have, unit, what, recommended);
        return null;
    }
}
