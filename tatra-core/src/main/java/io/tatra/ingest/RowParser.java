package io.tatra.ingest;

/**
 * Parses the fields of one row into {@link RawBars}, reporting each bad field with its line. Shared by
 * the CSV, JSON and JSONL readers so that every format refuses the same things the same way.
 */
final class RowParser {
    /** The number grammar exchanges write: optional sign, digits with an optional decimal point, optional exponent. */
    static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?");
    /** Longest number text accepted (a price with 30 decimals still fits). */
    static final int MAX_NUMBER_LENGTH = 40;
    /** Sane ranges: no market quotes a price below 1e-12 or above 1e12, nor trades more than 1e18 units in a bar. */
    static final double MIN_PRICE = 1e-12, MAX_PRICE = 1e12, MAX_VOLUME = 1e18;

    /** Whether {@code s} is a number in the strict grammar (no hex, no 'd'/'f' suffix, no spaces, no '1_000'). */
    static boolean strictNumber(String s) {
        return s.length() <= MAX_NUMBER_LENGTH && NUMBER.matcher(s).matches();
    }

    private final Findings findings;
    private final TimeParser.TextResult textResult = new TimeParser.TextResult();
    private boolean noZoneReported;
    private long nullTrades, nullQuote;
    private long firstNullTradesLine;

    RowParser(Findings findings) { this.findings = findings; }

    /** Parsed price/volume, or NaN after reporting the problem. */
    double number(String s, String name, long line, boolean required) {
        if (s == null || s.isEmpty()) {
            if (required) findings.add(FindingKind.UNPARSEABLE, line, name + " is empty");
            return Double.NaN;
        }
        if (strictNumber(s)) {
            try {
                double v = Double.parseDouble(s);
                if (!Double.isFinite(v)) {
                    findings.add(FindingKind.NON_FINITE, line, name + " is " + s);
                    return Double.NaN;
                }
                return v;
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        String low = s.toLowerCase();
        if (low.replaceFirst("^[+-]", "").equals("nan") || low.contains("inf")) {
            findings.add(FindingKind.NON_FINITE, line, name + " is " + s);
        } else {
            findings.add(FindingKind.UNPARSEABLE, line, name + " '" + abbreviate(s) + "' is not a number");
        }
        return Double.NaN;
    }

    /** Optional quote volume: NaN when absent or NULL (counted and reported once as info). */
    double optionalQuote(String s, long line) {
        if (s == null || s.isEmpty() || s.equalsIgnoreCase("null") || s.equalsIgnoreCase("none")) {
            nullQuote++;
            return Double.NaN;
        }
        try {
            double v = strictNumber(s) ? Double.parseDouble(s) : Double.NaN;
            if (Double.isFinite(v)) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        findings.add(FindingKind.BAD_OPTIONAL_FIELD, line, "quote volume '" + abbreviate(s) + "' is not a finite number");
        return Double.NaN;
    }

    /** Optional trade count: -1 when absent, NULL or bad (a bad value is reported). */
    long optionalTrades(String s, long line) {
        if (s == null || s.isEmpty() || s.equalsIgnoreCase("null") || s.equalsIgnoreCase("none")) {
            if (nullTrades++ == 0) firstNullTradesLine = line;
            return -1;
        }
        try {
            double d = strictNumber(s) ? Double.parseDouble(s) : Double.NaN;
            if (d >= 0 && d == Math.rint(d) && d < 9e18) return (long) d;
        } catch (NumberFormatException e) {
            // reported below
        }
        findings.add(FindingKind.BAD_OPTIONAL_FIELD, line, "trade count '" + abbreviate(s) + "' is not a whole number >= 0");
        return -1;
    }

    /** Epoch millis of an epoch or text timestamp, or {@link TimeParser#FAIL} after reporting. Sets {@link #lastUnit}. */
    long time(String s, String name, long line) {
        lastUnit = -1;
        if (s == null || s.isEmpty()) {
            findings.add(FindingKind.UNPARSEABLE, line, name + " is empty");
            return TimeParser.FAIL;
        }
        if (TimeParser.isNumeric(s)) {
            double v = Double.parseDouble(s);
            TimeParser.Unit u = TimeParser.unitOf(v);
            if (u == null) {
                findings.add(FindingKind.UNDECIDABLE_TIME_UNIT, line, name + " " + s
                        + " is no instant between 2000 and 2100 in seconds, milliseconds, microseconds or nanoseconds");
                return TimeParser.FAIL;
            }
            lastUnit = u.ordinal();
            return TimeParser.toMillis(v, u);
        }
        long t = TimeParser.parseText(s, textResult);
        if (t == TimeParser.FAIL) {
            findings.add(FindingKind.UNPARSEABLE, line, name + " '" + abbreviate(s) + "' is not a timestamp (expected epoch s/ms or yyyy-MM-dd[ HH:mm[:ss]][zone])");
            return t;
        }
        if (t < TimeParser.MIN_MS || t >= TimeParser.MAX_MS) {
            findings.add(FindingKind.UNPARSEABLE, line, name + " '" + s + "' lies outside 2000..2100");
            return TimeParser.FAIL;
        }
        if (!textResult.hadZone && !noZoneReported) {
            noZoneReported = true;
            findings.add(FindingKind.NO_ZONE, line, name + " '" + s + "' has no zone; all such timestamps are read as UTC");
        }
        return t;
    }

    int lastUnit = -1;

    /**
     * Decimal places as written, trailing zeros included: "37388.05000000" has 8, "18164.8" has 1. It tells
     * how precisely the source recorded prices, which decides between conflicting duplicates.
     */
    static int decimals(String s) {
        int dot = s.indexOf('.');
        return dot < 0 ? 0 : s.length() - dot - 1;
    }

    /** Reports the NULL counts once per file. */
    void finish() {
        if (nullTrades > 0) findings.add(FindingKind.MISSING_OPTIONAL, firstNullTradesLine, nullTrades + " rows have no trade count (NULL or empty); stored as missing, not zero");
        if (nullQuote > 0) findings.add(FindingKind.MISSING_OPTIONAL, 0, nullQuote + " rows have no quote volume; stored as missing");
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
