package io.tatra.ingest;

import io.tatra.market.Interval;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Validates raw rows and, under {@link ImportPolicy#REPAIR}, applies the documented repairs:
 * <ul>
 *   <li>rows out of order are sorted (newest-first files are common);</li>
 *   <li>rows with impossible values (price <= 0, negative volume, high < low, off the interval grid) are dropped;</li>
 *   <li>open or close outside [low, high]: high/low widened to contain them;</li>
 *   <li>identical duplicates: the later line is dropped;</li>
 *   <li>conflicting duplicates: the row written with more decimal places wins (the more precise source),
 *       then the one with a trade count, then the larger volume (a complete bar beats a partial snapshot),
 *       then the later line;</li>
 *   <li>epoch and date columns disagreeing: the epoch is kept (CryptoDataDownload's 2017 date column is
 *       off by 4 hours on 91 rows, while its epochs are consecutive);</li>
 *   <li>outliers — a price more than {@code max(50 %, 25 × median bar range)} (in log terms) away from the
 *       median of the neighbouring closes and opens, so unconfirmed by them: a bad high/low (whose
 *       neighbouring bars are calm, so no crash confirms it) is clipped to the bar's body; a bad open/close
 *       makes the bar unusable and it is dropped.</li>
 * </ul>
 * Gaps are reported, never filled. Under {@link ImportPolicy#STRICT} nothing but sorting and dropping
 * identical duplicates (lossless) happens, and both are reported as warnings.
 */
final class Validator {
    static final double OUTLIER_MIN_LOG = 0.5;
    static final double OUTLIER_RANGE_MULTIPLE = 25;

    private final Findings findings;
    private final List<Repair> repairs;
    private final boolean repair;

    Validator(Findings findings, List<Repair> repairs, ImportPolicy policy) {
        this.findings = findings;
        this.repairs = repairs;
        this.repair = policy == ImportPolicy.REPAIR;
    }

    /** Returns the indices of the rows to keep, in time order. May modify raw values under REPAIR. */
    int[] run(RawBars raw, Interval interval) {
        checkOrder(raw);
        checkUnits(raw);
        boolean[] bad = new boolean[raw.n];
        for (int i = 0; i < raw.n; i++) checkRow(raw, i, interval, bad);
        int[] sorted = timeOrder(raw, bad);
        int[] kept = dedupe(raw, sorted);
        kept = checkOutliers(raw, kept);
        checkGapsAndVolume(raw, kept, interval);
        return kept;
    }

    /** Indices of the good rows by (time, line): a linear pass for sorted or newest-first files, a full sort otherwise. */
    private static int[] timeOrder(RawBars raw, boolean[] bad) {
        int m = 0;
        int[] idx = new int[raw.n];
        for (int i = 0; i < raw.n; i++) if (!bad[i]) idx[m++] = i;
        idx = Arrays.copyOf(idx, m);
        boolean asc = true, desc = true;
        for (int k = 1; k < m; k++) {
            long a = raw.time[idx[k - 1]], b = raw.time[idx[k]];
            if (b < a) asc = false;
            if (b > a) desc = false;
        }
        if (asc) return idx;
        if (desc) {
            // newest first: reverse, keeping rows of equal time in line order
            int[] out = new int[m];
            int w = 0, end = m;
            while (end > 0) {
                int start = end - 1;
                while (start > 0 && raw.time[idx[start - 1]] == raw.time[idx[end - 1]]) start--;
                for (int k = start; k < end; k++) out[w++] = idx[k];
                end = start;
            }
            return out;
        }
        Integer[] boxed = new Integer[m];
        for (int k = 0; k < m; k++) boxed[k] = idx[k];
        Arrays.sort(boxed, (a, b) -> raw.time[a] != raw.time[b] ? Long.compare(raw.time[a], raw.time[b]) : Long.compare(raw.line[a], raw.line[b]));
        for (int k = 0; k < m; k++) idx[k] = boxed[k];
        return idx;
    }

    private void checkOrder(RawBars raw) {
        long asc = 0, desc = 0, firstAsc = 0, firstDesc = 0;
        for (int i = 1; i < raw.n; i++) {
            if (raw.time[i] > raw.time[i - 1]) { if (asc++ == 0) firstAsc = raw.line[i]; }
            else if (raw.time[i] < raw.time[i - 1]) { if (desc++ == 0) firstDesc = raw.line[i]; }
        }
        if (desc == 0) return;
        if (asc == 0) findings.add(FindingKind.REVERSE_ORDER, 0, "rows run newest first; they are stored in time order");
        else findings.add(FindingKind.UNSORTED, asc >= desc ? firstDesc : firstAsc,
                asc + " steps forward and " + desc + " backward in time; rows are stored in time order");
        if (repair) repairs.add(new Repair(Repair.Action.SORTED, 0, "sorted " + raw.n + " rows into time order"));
    }

    private void checkUnits(RawBars raw) {
        long[] count = new long[TimeParser.Unit.values().length];
        long[] firstLine = new long[count.length];
        for (int i = 0; i < raw.n; i++) {
            int u = raw.unit[i];
            if (u >= 0 && count[u]++ == 0) firstLine[u] = raw.line[i];
        }
        int kinds = 0;
        StringBuilder sb = new StringBuilder();
        for (int u = 0; u < count.length; u++) {
            if (count[u] == 0) continue;
            kinds++;
            if (sb.length() > 0) sb.append(", ");
            sb.append(count[u]).append(" rows in ").append(TimeParser.Unit.values()[u].name().toLowerCase()).append(" (first at line ").append(firstLine[u]).append(')');
        }
        if (kinds > 1) findings.add(FindingKind.MIXED_TIME_UNITS, 0, sb + "; each value's unit is decided by its magnitude (2000..2100) and converted to milliseconds");
    }

    private void checkRow(RawBars r, int i, Interval interval, boolean[] bad) {
        long ln = r.line[i];
        double o = r.open[i], h = r.high[i], l = r.low[i], c = r.close[i];
        String why = null;
        FindingKind kind = null;
        if (o <= 0 || h <= 0 || l <= 0 || c <= 0) { kind = FindingKind.NON_POSITIVE_PRICE; why = "price <= 0: " + r.describe(i); }
        else if (Math.min(Math.min(o, h), Math.min(l, c)) < RowParser.MIN_PRICE || Math.max(Math.max(o, h), Math.max(l, c)) > RowParser.MAX_PRICE) {
            kind = FindingKind.OUT_OF_RANGE;
            why = "price outside " + RowParser.MIN_PRICE + " .. " + RowParser.MAX_PRICE + ": " + r.describe(i);
        }
        else if (r.volume[i] < 0) { kind = FindingKind.NEGATIVE_VOLUME; why = "volume " + r.volume[i] + " < 0"; }
        else if (r.volume[i] > RowParser.MAX_VOLUME) { kind = FindingKind.OUT_OF_RANGE; why = "volume " + r.volume[i] + " above " + RowParser.MAX_VOLUME; }
        else if (h < l) { kind = FindingKind.HIGH_BELOW_LOW; why = "high " + h + " < low " + l; }
        else if (!(r.quoteVolume[i] >= 0) && !Double.isNaN(r.quoteVolume[i])) { kind = FindingKind.NEGATIVE_VOLUME; why = "quote volume " + r.quoteVolume[i] + " < 0"; }
        else if (!interval.isAligned(r.time[i])) { kind = FindingKind.MISALIGNED; why = Instant.ofEpochMilli(r.time[i]) + " is not on the " + interval + " grid"; }
        if (kind != null) {
            findings.add(kind, ln, why);
            bad[i] = true;
            if (repair) repairs.add(new Repair(Repair.Action.DROPPED_ROW, ln, why));
            return;
        }
        if (o > h || o < l || c > h || c < l) {
            findings.add(FindingKind.OHLC_INCONSISTENT, ln, "open or close outside [low, high]: " + r.describe(i));
            if (repair) {
                double nh = Math.max(h, Math.max(o, c)), nl = Math.min(l, Math.min(o, c));
                repairs.add(new Repair(Repair.Action.WIDENED_RANGE, ln, "high " + h + " -> " + nh + ", low " + l + " -> " + nl));
                r.high[i] = nh;
                r.low[i] = nl;
            }
        }
    }

    private int[] dedupe(RawBars r, int[] sorted) {
        int[] kept = new int[sorted.length];
        int k = 0;
        for (int s = 0; s < sorted.length; s++) {
            int i = sorted[s];
            if (k > 0 && r.time[kept[k - 1]] == r.time[i]) {
                int j = kept[k - 1];
                String when = Instant.ofEpochMilli(r.time[i]).toString();
                if (r.sameValues(i, j)) {
                    findings.add(FindingKind.DUPLICATE_IDENTICAL, r.line[i], when + " repeats line " + r.line[j] + " exactly; the repeat is dropped");
                    if (repair) repairs.add(new Repair(Repair.Action.DROPPED_IDENTICAL_DUPLICATE, r.line[i], "identical to line " + r.line[j]));
                } else {
                    boolean rounding = r.sameUpToRounding(i, j);
                    findings.add(FindingKind.DUPLICATE_CONFLICTING, r.line[i], when + " at lines " + r.line[j] + " and " + r.line[i] + ": "
                            + r.describe(j) + " vs " + r.describe(i) + (rounding ? " (prices differ only by rounding)" : ""));
                    if (repair) {
                        int win = preferred(r, j, i), lose = win == i ? j : i;
                        repairs.add(new Repair(Repair.Action.RESOLVED_CONFLICT, r.line[lose], when + ": kept line " + r.line[win]
                                + " (" + r.precision[win] + " decimals" + (r.trades[win] >= 0 ? ", trade count" : "") + ", volume " + r.volume[win]
                                + "), dropped line " + r.line[lose] + " (" + r.precision[lose] + " decimals, volume " + r.volume[lose] + ")"));
                        kept[k - 1] = win;
                    }
                }
                continue;
            }
            kept[k++] = i;
        }
        return Arrays.copyOf(kept, k);
    }

    /** The conflict rule: more decimals, then a trade count, then larger volume, then the later line. */
    static int preferred(RawBars r, int a, int b) {
        if (r.precision[a] != r.precision[b]) return r.precision[a] > r.precision[b] ? a : b;
        boolean ta = r.trades[a] >= 0, tb = r.trades[b] >= 0;
        if (ta != tb) return ta ? a : b;
        if (r.volume[a] != r.volume[b]) return r.volume[a] > r.volume[b] ? a : b;
        return r.line[a] > r.line[b] ? a : b;
    }

    private int[] checkOutliers(RawBars r, int[] kept) {
        int n = kept.length;
        if (n < 3) return kept;
        double[] ranges = new double[n];
        for (int k = 0; k < n; k++) ranges[k] = Math.log(r.high[kept[k]] / r.low[kept[k]]);
        double[] sortedRanges = ranges.clone();
        Arrays.sort(sortedRanges);
        double limit = Math.max(OUTLIER_MIN_LOG, OUTLIER_RANGE_MULTIPLE * sortedRanges[n / 2]);
        boolean[] drop = new boolean[n];
        double[] refs = new double[4], others = new double[3];
        for (int k = 0; k < n; k++) {
            int i = kept[k];
            int m = 0, mo = 0;
            if (k > 0) { refs[m++] = r.close[kept[k - 1]]; others[mo++] = r.close[kept[k - 1]]; }
            refs[m++] = r.close[i];
            if (k + 1 < n) {
                refs[m++] = r.open[kept[k + 1]]; others[mo++] = r.open[kept[k + 1]];
                refs[m++] = r.close[kept[k + 1]]; others[mo++] = r.close[kept[k + 1]];
            }
            double ref = median(refs, m);
            // the close counts as confirmed only if it is near the neighbours' prices
            double refOthers = mo > 0 ? median(others, mo) : ref;
            boolean badOpen = Math.abs(Math.log(r.open[i] / ref)) > limit;
            boolean badClose = Math.abs(Math.log(r.close[i] / refOthers)) > limit;
            // a wick is confirmed when a neighbouring bar is itself wild (a crash, not a bad print): range > limit / 4
            double neighbourRange = Math.max(k > 0 ? ranges[k - 1] : 0, k + 1 < n ? ranges[k + 1] : 0);
            boolean wickSuspect = !badOpen && !badClose && neighbourRange <= limit / 4;
            boolean badHigh = wickSuspect && Math.log(r.high[i] / ref) > limit;
            boolean badLow = wickSuspect && Math.log(ref / r.low[i]) > limit;
            if (!(badOpen || badClose || badHigh || badLow)) {
                if (k > 0 && Math.abs(Math.log(r.open[i] / r.close[kept[k - 1]])) > limit) {
                    findings.add(FindingKind.PRICE_JUMP, r.line[i], "open " + r.open[i] + " vs previous close " + r.close[kept[k - 1]]);
                }
                continue;
            }
            String what = (badOpen ? "open " + r.open[i] + " " : "") + (badClose ? "close " + r.close[i] + " " : "")
                    + (badHigh ? "high " + r.high[i] + " " : "") + (badLow ? "low " + r.low[i] + " " : "");
            String msg = Instant.ofEpochMilli(r.time[i]) + ": " + what.trim() + " far from the neighbouring prices (~" + ref
                    + ", limit " + Math.round((Math.exp(limit) - 1) * 100) + " %)";
            findings.add(FindingKind.OUTLIER, r.line[i], msg);
            if (!repair) continue;
            if (badOpen || badClose) {
                drop[k] = true;
                repairs.add(new Repair(Repair.Action.DROPPED_ROW, r.line[i], msg + "; the bar cannot be trusted"));
            } else {
                double nh = badHigh ? Math.max(r.open[i], r.close[i]) : r.high[i];
                double nl = badLow ? Math.min(r.open[i], r.close[i]) : r.low[i];
                repairs.add(new Repair(Repair.Action.CLIPPED_WICK, r.line[i], msg + "; high " + r.high[i] + " -> " + nh + ", low " + r.low[i] + " -> " + nl));
                r.high[i] = nh;
                r.low[i] = nl;
            }
        }
        int[] out = new int[n];
        int c = 0;
        for (int k = 0; k < n; k++) if (!drop[k]) out[c++] = kept[k];
        return Arrays.copyOf(out, c);
    }

    /** Median of the first m (<= 4) values, without allocation; the middle pair is averaged geometrically. */
    private static double median(double[] v, int m) {
        for (int i = 1; i < m; i++) {
            double x = v[i];
            int j = i - 1;
            while (j >= 0 && v[j] > x) { v[j + 1] = v[j]; j--; }
            v[j + 1] = x;
        }
        return m % 2 == 1 ? v[m / 2] : Math.sqrt(v[m / 2 - 1] * v[m / 2]);
    }

    private void checkGapsAndVolume(RawBars r, int[] kept, Interval interval) {
        int zeroRun = 0;
        for (int k = 0; k < kept.length; k++) {
            int i = kept[k];
            if (k > 0) {
                int p = kept[k - 1];
                long missing = (r.time[i] - r.time[p]) / interval.millis() - 1;
                if (missing > 0) {
                    findings.add(FindingKind.GAP, r.line[i], missing + " bar" + (missing > 1 ? "s" : "") + " missing between "
                            + Instant.ofEpochMilli(r.time[p]) + " (line " + r.line[p] + ") and " + Instant.ofEpochMilli(r.time[i]) + "; not filled");
                    zeroRun = flushZeroRun(r, kept, k, zeroRun);
                }
            }
            if (r.volume[i] == 0) zeroRun++;
            else zeroRun = flushZeroRun(r, kept, k, zeroRun);
        }
        flushZeroRun(r, kept, kept.length, zeroRun);
    }

    private int flushZeroRun(RawBars r, int[] kept, int endExclusive, int run) {
        if (run >= 3) {
            int first = kept[endExclusive - run];
            findings.add(FindingKind.ZERO_VOLUME_RUN, r.line[first], run + " consecutive bars with zero volume from "
                    + Instant.ofEpochMilli(r.time[first]) + " (exchange halt or dead market?)");
        }
        return 0;
    }
}
