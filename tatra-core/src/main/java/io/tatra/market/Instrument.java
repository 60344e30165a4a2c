package io.tatra.market;

/**
 * A tradable instrument: symbol, kind, base and quote asset, and the exchange's tick and lot sizes
 * (0 when unknown).
 */
public record Instrument(Symbol symbol, InstrumentKind kind, String baseAsset, String quoteAsset,
                         double tickSize, double lotSize) {
    public Instrument {
        if (symbol == null) throw new IllegalArgumentException("instrument symbol is null");
        if (kind == null) throw new IllegalArgumentException("instrument kind is null for " + symbol);
        if (baseAsset == null || baseAsset.isBlank() || quoteAsset == null || quoteAsset.isBlank()) {
            throw new IllegalArgumentException("instrument " + symbol + ": base and quote asset are required");
        }
        if (!Double.isFinite(tickSize) || tickSize < 0) throw new IllegalArgumentException("instrument " + symbol + ": tick size " + tickSize + " must be finite and >= 0");
        if (!Double.isFinite(lotSize) || lotSize < 0) throw new IllegalArgumentException("instrument " + symbol + ": lot size " + lotSize + " must be finite and >= 0");
        baseAsset = baseAsset.trim().toUpperCase();
        quoteAsset = quoteAsset.trim().toUpperCase();
    }

    /** A USDT-margined perpetual such as BTCUSDT, with unknown tick and lot size. */
    public static Instrument usdtPerpetual(String base) {
        return new Instrument(Symbol.of(base + "USDT"), InstrumentKind.PERPETUAL, base, "USDT", 0, 0);
    }
}
