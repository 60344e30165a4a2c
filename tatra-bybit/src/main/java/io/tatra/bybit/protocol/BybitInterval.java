package io.tatra.bybit.protocol;

import io.tatra.market.Interval;

/** Bybit's kline interval codes ({@code 1 3 5 15 30 60 120 240 360 720 D}) for Tatra's intervals; 8h has none. */
public final class BybitInterval {
    private BybitInterval() {
    }

    /** The code Bybit uses for {@code i}; a ProtocolException for an interval Bybit has no kline for. */
    public static String code(Interval i) {
        if (i == Interval.D1) return "D";
        if (i == Interval.H8) throw new ProtocolException("Bybit has no 8h kline (its intervals: 1 3 5 15 30 60 120 240 360 720 D W M)");
        return Long.toString(i.millis() / 60_000);
    }

    /** The interval of a Bybit code; a ProtocolException naming the accepted codes otherwise (W and M are not Tatra intervals). */
    public static Interval parse(String code) {
        if ("D".equals(code)) return Interval.D1;
        if (code != null && code.matches("[0-9]{1,3}")) {
            Interval i = Interval.ofMillis(Long.parseLong(code) * 60_000);
            if (i != null && i != Interval.H8) return i;
        }
        throw new ProtocolException("params error: interval invalid (" + code + "; one of 1 3 5 15 30 60 120 240 360 720 D)");
    }
}
