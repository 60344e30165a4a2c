package io.tatra.ingest;

import io.tatra.market.Interval;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What freqtrade's file names say: {@code BTC_USDT-5m.json.gz} (spot), {@code BTC_USDT_USDT-5m-futures.feather}
 * (futures, settle currency repeated), {@code BTC_USDT_USDT-8h-funding_rate.feather}, {@code …-mark.feather}.
 * Symbol and interval are null when the name does not follow the pattern.
 */
public record FreqtradeName(String symbol, Interval interval, String kind) {
    private static final Pattern NAME = Pattern.compile("^([A-Z0-9]+)_([A-Z0-9]+)(?:_[A-Z0-9]+)?-(\\d+[mhdwM])(?:-(futures|funding_rate|mark|spot))?");

    public static FreqtradeName of(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.find()) return new FreqtradeName(null, null, null);
        Interval interval;
        try {
            interval = Interval.parse(m.group(3));
        } catch (IllegalArgumentException e) {
            interval = null; // 8h funding files: the interval of the settlements, not of candles
        }
        return new FreqtradeName(m.group(1) + m.group(2), interval, m.group(4) == null ? "spot" : m.group(4));
    }
}
