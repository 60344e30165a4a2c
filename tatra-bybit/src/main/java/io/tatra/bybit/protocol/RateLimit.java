package io.tatra.bybit.protocol;

/**
 * Bybit's per-endpoint rate-limit headers: {@code X-Bapi-Limit} (requests per window), {@code X-Bapi-Limit-Status}
 * (remaining) and {@code X-Bapi-Limit-Reset-Timestamp} (ms when the window resets). A client waits until the reset
 * when nothing remains or after retCode 10006.
 */
public record RateLimit(int limit, int remaining, long resetMillis) {
    /** The wait when headers are missing on a 10006 (pybit's default). */
    public static final long DEFAULT_BACK_OFF_MS = 2000;

    public RateLimit {
        if (limit < 0 || remaining < 0 || remaining > limit) throw new ProtocolException("rate-limit headers out of range: " + remaining + " of " + limit);
    }

    /** From the three header values (any may be null: then null is returned, the headers are absent). */
    public static RateLimit of(String limit, String status, String reset) {
        if (limit == null || status == null || reset == null) return null;
        try {
            return new RateLimit(Integer.parseInt(limit.trim()), Integer.parseInt(status.trim()), Long.parseLong(reset.trim()));
        } catch (NumberFormatException e) {
            throw new ProtocolException("rate-limit headers are not numbers: " + limit + ", " + status + ", " + reset);
        }
    }

    /** How long to wait before the next request at {@code now}: 0 while requests remain, else until the reset. */
    public long waitMillis(long now) { return remaining > 0 ? 0 : Math.max(0, resetMillis - now); }

    /** The wait after a 10006 answer: until the reset if the headers say when, else the default back-off. */
    public static long backOff(RateLimit headers, long now) {
        return headers == null ? DEFAULT_BACK_OFF_MS : Math.max(headers.resetMillis() - now, 1);
    }
}
