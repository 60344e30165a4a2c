package io.tatra.bybit.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A linear perpetual's trading rules from {@code /v5/market/instruments-info}: price tick, quantity step and limits,
 * minimum notional, maximum leverage and the funding interval. Orders are rounded to these before they are sent
 * (the paper exchange refuses what Bybit refuses).
 */
public record Instrument(String symbol, String status, BigDecimal tickSize, BigDecimal qtyStep, BigDecimal minOrderQty, BigDecimal maxOrderQty,
                         BigDecimal maxMarketOrderQty, BigDecimal minNotional, BigDecimal maxLeverage, int fundingIntervalMinutes) {
    public Instrument {
        for (BigDecimal v : new BigDecimal[]{tickSize, qtyStep, minOrderQty, maxOrderQty, maxMarketOrderQty, maxLeverage})
            if (v == null || v.signum() <= 0) throw new ProtocolException(symbol + ": tick, step, quantity limits and leverage must be > 0");
        if (minOrderQty.compareTo(maxOrderQty) > 0) throw new ProtocolException(symbol + ": minOrderQty above maxOrderQty");
        if (minNotional == null || minNotional.signum() < 0) throw new ProtocolException(symbol + ": minNotionalValue must be >= 0");
        if (fundingIntervalMinutes <= 0) throw new ProtocolException(symbol + ": fundingInterval must be > 0 minutes");
    }

    public boolean trading() { return "Trading".equals(status); }

    /** The quantity rounded down to the step (never more than asked). */
    public BigDecimal roundQty(BigDecimal qty) { return floor(qty, qtyStep); }

    /** The price rounded to the nearest tick. */
    public BigDecimal roundPrice(BigDecimal price) {
        return price.divide(tickSize, 0, RoundingMode.HALF_EVEN).multiply(tickSize).stripTrailingZeros();
    }

    /** Null when a market order of {@code qty} at {@code price} is acceptable, else the reason (Bybit's rules). */
    public String refusal(BigDecimal qty, BigDecimal price, boolean market) {
        if (qty.compareTo(minOrderQty) < 0) return "quantity " + qty.toPlainString() + " below the minimum " + minOrderQty.toPlainString();
        if (qty.compareTo(market ? maxMarketOrderQty : maxOrderQty) > 0) return "quantity " + qty.toPlainString() + " above the maximum " + (market ? maxMarketOrderQty : maxOrderQty).toPlainString();
        if (qty.remainder(qtyStep).signum() != 0) return "quantity " + qty.toPlainString() + " is not a multiple of the step " + qtyStep.toPlainString();
        if (qty.multiply(price).compareTo(minNotional) < 0) return "order value " + qty.multiply(price).toPlainString() + " below the minimum notional " + minNotional.toPlainString();
        return null;
    }

    private static BigDecimal floor(BigDecimal v, BigDecimal step) {
        return v.divide(step, 0, RoundingMode.FLOOR).multiply(step).stripTrailingZeros();
    }

    /** The instruments of one page and the cursor of the next (null on the last page). */
    public record Page(List<Instrument> instruments, String nextCursor) {}

    public static Page page(Envelope e) {
        if (!e.ok()) throw new ProtocolException("instruments answer is an error: " + e.retCode() + " " + e.retMsg());
        JsonNode list = e.result().path("list");
        if (!list.isArray()) throw new ProtocolException("instruments result has no list");
        List<Instrument> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode o = list.get(i);
            try {
                JsonNode lot = o.path("lotSizeFilter"), px = o.path("priceFilter"), lev = o.path("leverageFilter");
                JsonNode fi = o.get("fundingInterval");
                if (fi == null || !fi.isIntegralNumber()) throw new ProtocolException("field 'fundingInterval' must be an integer (minutes)");
                out.add(new Instrument(Decimals.text(o, "symbol"), Decimals.text(o, "status"), Decimals.decimal(px, "tickSize"), Decimals.decimal(lot, "qtyStep"),
                        Decimals.decimal(lot, "minOrderQty"), Decimals.decimal(lot, "maxOrderQty"), Decimals.decimal(lot, "maxMktOrderQty"),
                        Decimals.decimal(lot, "minNotionalValue"), Decimals.decimal(lev, "maxLeverage"), fi.asInt()));
            } catch (ProtocolException ex) {
                throw new ProtocolException("instrument " + i + ": " + ex.getMessage());
            }
        }
        String cursor = e.result().path("nextPageCursor").asText("");
        return new Page(out, cursor.isEmpty() ? null : cursor);
    }
}
