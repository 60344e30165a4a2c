package io.tatra.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the common timeline [first sample, last sample] (all symbols pooled, so no symbol trains on a period
 * another symbol is tested on) into folds. Between any training sample and any validation or test sample lie
 * at least {@link SplitConfig#gap()} bars, on both sides of a test block in CPCV.
 */
public final class Splitter {
    private Splitter() {}

    public static List<Fold> split(long first, long last, long barMillis, SplitConfig c) {
        long bars = (last - first) / barMillis + 1;
        long gap = c.gap();
        List<Fold> folds = new ArrayList<>();
        if (c.method() == SplitMethod.CPCV) {
            long groupBars = bars / c.folds();
            if (groupBars <= 2 * gap) throw new io.tatra.TatraException("CPCV: " + c.folds() + " groups of " + groupBars + " bars cannot hold a gap of " + gap + " bars on each side; use fewer groups or more data");
            List<int[]> combos = new ArrayList<>();
            combinations(c.folds(), c.testGroups(), 0, new int[c.testGroups()], 0, combos);
            for (int[] testIdx : combos) {
                List<Span> test = new ArrayList<>(), train = new ArrayList<>();
                boolean[] isTest = new boolean[c.folds()];
                for (int g : testIdx) isTest[g] = true;
                for (int g = 0; g < c.folds(); g++) {
                    long from = first + g * groupBars * barMillis;
                    long to = g == c.folds() - 1 ? last : from + (groupBars - 1) * barMillis;
                    if (isTest[g]) { test.add(new Span(from, to)); continue; }
                    long a = from, b = to;
                    if (g > 0 && isTest[g - 1]) a += gap * barMillis;
                    if (g < c.folds() - 1 && isTest[g + 1]) b -= gap * barMillis;
                    if (a <= b) train.add(new Span(a, b));
                }
                folds.add(new Fold("cpcv-" + java.util.Arrays.toString(testIdx).replaceAll("[\\[\\] ]", ""), merge(train, barMillis), List.of(), merge(test, barMillis)));
            }
            return folds;
        }
        long testBars = (long) (bars * c.testShare()) / c.folds();
        long startTests = bars - testBars * c.folds();
        long rollingTrain = startTests - gap;
        for (int k = 0; k < c.folds(); k++) {
            long testFrom = startTests + k * testBars;
            long testTo = k == c.folds() - 1 ? bars - 1 : testFrom + testBars - 1;
            long trainTo = testFrom - gap - 1;
            long trainFrom = c.method() == SplitMethod.ROLLING ? Math.max(0, trainTo - rollingTrain + 1) : 0;
            List<Span> validation = List.of();
            long valBars = (long) ((trainTo - trainFrom + 1) * c.validationShare());
            if (valBars > 0) {
                long valFrom = trainTo - valBars + 1;
                validation = List.of(span(first, barMillis, valFrom, trainTo));
                trainTo = valFrom - gap - 1;
            }
            if (trainTo - trainFrom + 1 < Math.max(gap, 1))
                throw new io.tatra.TatraException("fold " + (k + 1) + " has only " + Math.max(0, trainTo - trainFrom + 1)
                        + " training bars (gap " + gap + " bars); use fewer folds, a smaller test share or more data");
            folds.add(new Fold(c.method().code() + "-" + (k + 1), List.of(span(first, barMillis, trainFrom, trainTo)), validation,
                    List.of(span(first, barMillis, testFrom, testTo))));
        }
        return folds;
    }

    /**
     * One hold-out fold: test from {@code testFrom} to the last sample; training before it, with the same
     * gap (purge + embargo) before the test, and its last {@code validationShare} (after another gap) kept
     * for validation. E.g. "train up to 2023-06, test after".
     */
    public static Fold holdout(long first, long last, long barMillis, long testFrom, SplitConfig c) {
        if (testFrom <= first || testFrom > last)
            throw new io.tatra.TatraException("the test start " + java.time.Instant.ofEpochMilli(testFrom) + " must lie inside the data, "
                    + java.time.Instant.ofEpochMilli(first) + " .. " + java.time.Instant.ofEpochMilli(last));
        long gap = c.gap();
        long testBar = (testFrom - first + barMillis - 1) / barMillis, lastBar = (last - first) / barMillis;
        long trainTo = testBar - gap - 1;
        long valBars = (long) ((trainTo + 1) * c.validationShare());
        List<Span> validation = List.of();
        if (valBars > 0) {
            validation = List.of(span(first, barMillis, trainTo - valBars + 1, trainTo));
            trainTo = trainTo - valBars - gap;
        }
        if (trainTo + 1 < Math.max(gap, 1))
            throw new io.tatra.TatraException("only " + Math.max(0, trainTo + 1) + " training bars before " + java.time.Instant.ofEpochMilli(testFrom)
                    + " (gap " + gap + " bars); move the test start later");
        return new Fold("holdout", List.of(span(first, barMillis, 0, trainTo)), validation, List.of(span(first, barMillis, testBar, lastBar)));
    }

    /**
     * The split of a model meant for use after the data ends: no test part. Training takes everything up to the
     * last {@code validationShare} of the timeline, which is kept (after a purge + embargo gap) for early stopping
     * only. Fold name "final".
     */
    public static Fold finalFit(long first, long last, long barMillis, SplitConfig c) {
        long gap = c.gap(), lastBar = (last - first) / barMillis;
        long valBars = (long) ((lastBar + 1) * c.validationShare());
        long trainTo = lastBar;
        List<Span> validation = List.of();
        if (valBars > 0) {
            validation = List.of(span(first, barMillis, lastBar - valBars + 1, lastBar));
            trainTo = lastBar - valBars - gap;
        }
        if (trainTo + 1 < Math.max(gap, 1))
            throw new io.tatra.TatraException("only " + Math.max(0, trainTo + 1) + " training bars before the validation tail (gap " + gap + " bars); give a longer period");
        return new Fold("final", List.of(span(first, barMillis, 0, trainTo)), validation, List.of());
    }

    /**
     * Walk-forward re-training windows, all in bars: fold k trains on {@code trainBars} bars starting at
     * {@code k·stepBars} (its last {@code validationShare} kept for validation after a gap), then tests on the
     * {@code testBars} bars after another gap. Test blocks follow each other; no fold's training data reaches its test.
     */
    public static List<Fold> rolling(long first, long last, long barMillis, int trainBars, int testBars, int stepBars, SplitConfig c) {
        if (trainBars < 1 || testBars < 1 || stepBars < 1) throw new io.tatra.TatraException("walk-forward TRAIN/TEST/STEP must be positive bar counts");
        if (stepBars < testBars) throw new io.tatra.TatraException("walk-forward: a step of " + stepBars + " bars is shorter than the test block of " + testBars + "; test blocks would overlap");
        long gap = c.gap(), bars = (last - first) / barMillis + 1;
        List<Fold> out = new ArrayList<>();
        for (int k = 0; ; k++) {
            long trainFrom = (long) k * stepBars, trainTo = trainFrom + trainBars - 1, testFrom = trainTo + gap + 1;
            if (testFrom > bars - 1) break;
            long testTo = Math.min(bars - 1, testFrom + testBars - 1);
            long valBars = (long) (trainBars * c.validationShare());
            List<Span> validation = List.of();
            long fitTo = trainTo;
            if (valBars > 0) {
                validation = List.of(span(first, barMillis, trainTo - valBars + 1, trainTo));
                fitTo = trainTo - valBars - gap;
            }
            if (fitTo - trainFrom + 1 < Math.max(gap, 1))
                throw new io.tatra.TatraException("walk-forward: " + trainBars + " training bars leave too little after validation and the " + gap + "-bar gap");
            out.add(new Fold("wf-" + (k + 1), List.of(span(first, barMillis, trainFrom, fitTo)), validation, List.of(span(first, barMillis, testFrom, testTo))));
        }
        if (out.isEmpty()) throw new io.tatra.TatraException("walk-forward: " + bars + " bars do not hold " + trainBars + " training bars, a " + gap + "-bar gap and a test block");
        return out;
    }

    private static Span span(long first, long barMillis, long fromBar, long toBar) {
        return new Span(first + fromBar * barMillis, first + toBar * barMillis);
    }

    private static List<Span> merge(List<Span> spans, long barMillis) {
        List<Span> out = new ArrayList<>();
        for (Span s : spans) {
            if (!out.isEmpty() && out.get(out.size() - 1).to() + barMillis >= s.from()) {
                Span p = out.remove(out.size() - 1);
                out.add(new Span(p.from(), Math.max(p.to(), s.to())));
            } else out.add(s);
        }
        return out;
    }

    private static void combinations(int n, int k, int start, int[] cur, int depth, List<int[]> out) {
        if (depth == k) { out.add(cur.clone()); return; }
        for (int i = start; i < n; i++) { cur[depth] = i; combinations(n, k, i + 1, cur, depth + 1, out); }
    }
}
