package io.tatra.market;

import java.util.regex.Pattern;

/**
 * A trading symbol such as {@code BTCUSDT}. Normalised to upper case with separators removed
 * ({@code btc/usdt}, {@code BTC-USDT} and {@code BTC_USDT} all become {@code BTCUSDT}).
 */
public record Symbol(String value) implements Comparable<Symbol> {
    private static final Pattern VALID = Pattern.compile("[A-Z0-9]{2,30}");

    public Symbol {
        if (value == null) throw new IllegalArgumentException("symbol is null");
        String v = value.trim().toUpperCase().replace("/", "").replace("-", "").replace("_", "").replace(":", "");
        if (!VALID.matcher(v).matches()) {
            throw new IllegalArgumentException("invalid symbol '" + value + "': expected 2-30 letters or digits, e.g. BTCUSDT");
        }
        value = v;
    }

    public static Symbol of(String value) { return new Symbol(value); }

    @Override
    public int compareTo(Symbol o) { return value.compareTo(o.value); }

    @Override
    public String toString() { return value; }
}
