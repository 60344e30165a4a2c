package io.tatra.ingest;

/**
 * Parses the timestamps found in exchange files, without allocation on the fast path.
 *
 * <p>Epoch numbers: the unit is decided by magnitude, accepting only instants between 2000-01-01 and
 * 2100-01-01 — seconds (~1e9), milliseconds (~1e12), microseconds (~1e15), nanoseconds (~1e18).
 * A number that fits none of them has an undecidable unit and is an error.
 *
 * <p>Text: {@code yyyy-MM-dd}, {@code yyyy-MM-dd HH:mm[:ss[.fff]]} with {@code T} or space, an optional
 * zone {@code Z}, {@code +hh}, {@code +hhmm} or {@code +hh:mm}, and the CryptoDataDownload hour form
 * {@code yyyy-MM-dd hh-AM}. Text without a zone is read as UTC, and the caller reports that.
 */
final class TimeParser {
    static final long MIN_MS = 946_684_800_000L;   // 2000-01-01
    static final long MAX_MS = 4_102_444_800_000L; // 2100-01-01
    static final long FAIL = Long.MIN_VALUE;

    /** Units an epoch number can be in. */
    enum Unit { SECONDS, MILLIS, MICROS, NANOS }

    private TimeParser() {}

    /** The unit of an epoch value, or null when no unit puts it between 2000 and 2100. */
    static Unit unitOf(double v) {
        if (v >= MIN_MS / 1e3 && v < MAX_MS / 1e3) return Unit.SECONDS;
        if (v >= MIN_MS && v < MAX_MS) return Unit.MILLIS;
        if (v >= MIN_MS * 1e3 && v < MAX_MS * 1e3) return Unit.MICROS;
        if (v >= MIN_MS * 1e6 && v < MAX_MS * 1e6) return Unit.NANOS;
        return null;
    }

    static long toMillis(double v, Unit u) {
        return switch (u) {
            case SECONDS -> Math.round(v * 1000.0);
            case MILLIS -> Math.round(v);
            case MICROS -> Math.round(v / 1e3);
            case NANOS -> Math.round(v / 1e6);
        };
    }

    /** True when the text looks like an epoch number (digits with an optional fraction). */
    static boolean isNumeric(String s) {
        if (s.isEmpty()) return false;
        boolean dot = false, digit = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '.' && !dot) dot = true;
            else if (ch < '0' || ch > '9') return false;
            else digit = true;
        }
        return digit; // "." alone is no number
    }

    /** Result holder for {@link #parseText}: whether the text named a zone. */
    static final class TextResult {
        boolean hadZone;
    }

    /** Epoch milliseconds of a text timestamp, or {@link #FAIL}. */
    static long parseText(String s, TextResult r) {
        int n = s.length();
        if (n < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') return FAIL;
        int y = num(s, 0, 4), mo = num(s, 5, 7), d = num(s, 8, 10);
        if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return FAIL;
        int hh = 0, mm = 0, ss = 0, ms = 0, p = 10;
        r.hadZone = false;
        if (p < n) {
            char sep = s.charAt(p);
            if (sep != ' ' && sep != 'T') return FAIL;
            p++;
            if (p + 2 > n) return FAIL;
            hh = num(s, p, p + 2);
            if (hh < 0) return FAIL;
            p += 2;
            if (p + 3 == n && s.charAt(p) == '-' && (s.endsWith("AM") || s.endsWith("PM"))) {
                // CryptoDataDownload: "2017-08-17 06-AM"
                if (hh < 1 || hh > 12) return FAIL;
                hh = hh % 12 + (s.charAt(p + 1) == 'P' ? 12 : 0);
                p = n;
            } else {
                if (p + 3 > n || s.charAt(p) != ':') return FAIL;
                mm = num(s, p + 1, p + 3);
                if (mm < 0) return FAIL;
                p += 3;
                if (p < n && s.charAt(p) == ':') {
                    if (p + 3 > n) return FAIL;
                    ss = num(s, p + 1, p + 3);
                    if (ss < 0) return FAIL;
                    p += 3;
                    if (p < n && s.charAt(p) == '.') {
                        int q = p + 1;
                        int digits = 0;
                        while (q < n && Character.isDigit(s.charAt(q))) {
                            if (digits < 3) ms = ms * 10 + (s.charAt(q) - '0');
                            digits++;
                            q++;
                        }
                        if (digits == 0) return FAIL;
                        for (int k = digits; k < 3; k++) ms *= 10;
                        p = q;
                    }
                }
            }
            if (hh > 23 || mm > 59 || ss > 59) return FAIL;
        }
        int offsetMin = 0;
        if (p < n) {
            char z = s.charAt(p);
            if (z == 'Z' && p + 1 == n) {
                r.hadZone = true;
            } else if (z == '+' || z == '-') {
                int sign = z == '+' ? 1 : -1;
                String rest = s.substring(p + 1);
                int oh, om = 0;
                if (rest.length() == 2) oh = num(rest, 0, 2);
                else if (rest.length() == 4) { oh = num(rest, 0, 2); om = num(rest, 2, 4); }
                else if (rest.length() == 5 && rest.charAt(2) == ':') { oh = num(rest, 0, 2); om = num(rest, 3, 5); }
                else return FAIL;
                if (oh < 0 || om < 0 || oh > 18 || om > 59) return FAIL;
                offsetMin = sign * (oh * 60 + om);
                r.hadZone = true;
            } else {
                return FAIL;
            }
        }
        long days = daysFromCivil(y, mo, d);
        return ((days * 24 + hh) * 60 + mm - offsetMin) * 60_000L + ss * 1000L + ms;
    }

    private static int num(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysIn(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
