package io.tatra.market;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Candle interval, 1m … 1d. Buckets are aligned to multiples of the duration since the Unix epoch (UTC). */
public enum Interval {
    M1("1m", 60), M3("3m", 180), M5("5m", 300), M15("15m", 900), M30("30m", 1800),
    H1("1h", 3600), H2("2h", 7200), H4("4h", 14400), H6("6h", 21600), H8("8h", 28800), H12("12h", 43200),
    D1("1d", 86400);

    private final String code;
    private final long seconds;

    Interval(String code, long seconds) {
        this.code = code;
        this.seconds = seconds;
    }

    public String code() { return code; }

    public long millis() { return seconds * 1000L; }

    public Duration duration() { return Duration.ofSeconds(seconds); }

    /** Bars of this interval in a (365-day) year, for annualisation. */
    public double barsPerYear() { return 365.0 * 86400.0 / seconds; }

    /** Start of the bucket containing {@code epochMillis}. */
    public long floor(long epochMillis) { return Math.floorDiv(epochMillis, millis()) * millis(); }

    public boolean isAligned(long epochMillis) { return Math.floorMod(epochMillis, millis()) == 0; }

    /** Parses "1h", "1H", "60m", "H1" or "1d"; throws with the list of accepted codes. */
    public static Interval parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("interval is empty; expected one of " + codes());
        String t = text.trim().toLowerCase();
        for (Interval i : values()) {
            if (i.code.equals(t) || i.name().equalsIgnoreCase(t)) return i;
        }
        for (Interval i : values()) {
            if (t.endsWith("m") && t.length() > 1 && t.substring(0, t.length() - 1).chars().allMatch(Character::isDigit)
                    && Long.parseLong(t.substring(0, t.length() - 1)) * 60 == i.seconds) return i;
        }
        throw new IllegalArgumentException("unknown interval '" + text + "'; expected one of " + codes());
    }

    /** The interval whose duration is exactly {@code millis}, or null. */
    public static Interval ofMillis(long millis) {
        for (Interval i : values()) if (i.millis() == millis) return i;
        return null;
    }

    public static String codes() {
        return Arrays.stream(values()).map(Interval::code).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() { return code; }
}
