package io.tatra.exchange;

import io.tatra.bybit.protocol.Instrument;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How one instrument's numbers go on the wire: prices at the tick's scale, quantities at the step's, money at 8 decimals. */
public record Formats(int priceScale, int qtyScale) {
    static Formats of(Instrument i) {
        return new Formats(Math.max(0, i.tickSize().stripTrailingZeros().scale()), Math.max(0, i.qtyStep().stripTrailingZeros().scale()));
    }

    String price(double v) { return plain(v, priceScale + 2); }

    String qty(double v) { return plain(v, qtyScale); }

    String money(double v) { return plain(v, 8); }

    String fee(double v) { return plain(v, 8); }

    /** The shortest decimal that reads back as exactly {@code v}: stored history goes out unrounded, so a download reproduces it. */
    static String exact(double v) {
        if (!Double.isFinite(v)) return "";
        BigDecimal b = BigDecimal.valueOf(v).stripTrailingZeros();
        return b.signum() == 0 ? "0" : b.toPlainString();
    }

    static String plain(double v, int scale) {
        if (!Double.isFinite(v)) return "";
        BigDecimal b = BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return b.signum() == 0 ? "0" : b.toPlainString();
    }
}
