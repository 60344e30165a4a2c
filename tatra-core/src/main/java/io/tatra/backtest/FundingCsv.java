package io.tatra.backtest;

import io.tatra.TatraException;
import io.tatra.market.FundingRate;
import io.tatra.market.Symbol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Funding rates of a perpetual from {@code SYMBOL_funding.csv} (timestamp,funding_rate; the format
 * {@code tatra generate} writes): strictly increasing UTC times, rates as fractions. Any bad line is refused with
 * its file and line number.
 */
public final class FundingCsv {
    private FundingCsv() {}

    /** The file for a symbol in a directory ({@code DIR/SYMBOL_funding.csv}). */
    public static Path file(Path dir, Symbol s) { return dir.resolve(s.value() + "_funding.csv"); }

    public static List<FundingRate> read(Path file, Symbol symbol) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new TatraException("cannot read funding rates from " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.get(0).trim().equals("timestamp,funding_rate"))
            throw new TatraException(file + ":1: header must be timestamp,funding_rate");
        List<FundingRate> out = new ArrayList<>();
        Instant last = null;
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.isEmpty()) continue;
            String[] c = l.split(",", -1);
            String at = file + ":" + (i + 1) + ": ";
            if (c.length != 2) throw new TatraException(at + c.length + " fields, expected 2");
            try {
                Instant t = Instant.parse(c[0].trim());
                if (last != null && !t.isAfter(last)) throw new TatraException(at + "time " + t + " is not after the previous " + last);
                out.add(new FundingRate(symbol, t, Double.parseDouble(c[1].trim())));
                last = t;
            } catch (DateTimeParseException e) {
                throw new TatraException(at + "bad timestamp '" + c[0] + "' (expected ISO-8601 UTC)");
            } catch (IllegalArgumentException e) {
                throw new TatraException(at + e.getMessage());
            }
        }
        return out;
    }
}
