package io.tatra.meta;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A time split of meta-label examples into training, validation and test parts, cut at decision-time quantiles.
 * Purge: an example whose trade was still open when the next part began is dropped, so no outcome is used before
 * its close time by anything trained on the earlier part. Embargo: the first {@code embargo} of the validation and of
 * the test part are skipped as well, against serial correlation across the boundary.
 */
public record MetaSplit(List<MetaExample> train, List<MetaExample> validation, List<MetaExample> test, Instant validationFrom, Instant testFrom,
                        int purged, int embargoed) {
    public MetaSplit {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }

    /**
     * @param sorted examples in decision-time order ({@link MetaLabels#join} gives them so)
     */
    public static MetaSplit of(List<MetaExample> sorted, double validationFraction, double testFraction, Duration embargo) {
        if (!(validationFraction > 0 && testFraction > 0 && validationFraction + testFraction < 1))
            throw new IllegalArgumentException("validation and test fractions must be > 0 and sum to < 1, got " + validationFraction + " and " + testFraction);
        if (embargo == null || embargo.isNegative()) throw new IllegalArgumentException("embargo must be >= 0");
        int n = sorted.size();
        if (n < 3) throw new IllegalArgumentException("a split needs at least 3 examples, got " + n);
        for (int i = 1; i < n; i++)
            if (sorted.get(i).decisionTime().isBefore(sorted.get(i - 1).decisionTime())) throw new IllegalArgumentException("examples are not in decision-time order at " + i);
        Instant testFrom = sorted.get(Math.min(n - 1, (int) Math.floor(n * (1 - testFraction)))).decisionTime();
        Instant validationFrom = sorted.get(Math.min(n - 1, (int) Math.floor(n * (1 - testFraction - validationFraction)))).decisionTime();
        if (!validationFrom.isBefore(testFrom)) throw new IllegalArgumentException("too few distinct decision times to split " + n + " examples in three parts");
        List<MetaExample> tr = new ArrayList<>(), va = new ArrayList<>(), te = new ArrayList<>();
        int purged = 0, embargoed = 0;
        for (MetaExample e : sorted) {
            Instant t = e.decisionTime();
            if (t.isBefore(validationFrom)) {
                if (e.closedTime().isBefore(validationFrom)) tr.add(e);
                else purged++;
            } else if (t.isBefore(testFrom)) {
                if (t.isBefore(validationFrom.plus(embargo))) embargoed++;
                else if (e.closedTime().isBefore(testFrom)) va.add(e);
                else purged++;
            } else if (t.isBefore(testFrom.plus(embargo))) embargoed++;
            else te.add(e);
        }
        return new MetaSplit(tr, va, te, validationFrom, testFrom, purged, embargoed);
    }
}
