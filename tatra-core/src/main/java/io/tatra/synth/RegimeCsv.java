package io.tatra.synth;

import io.tatra.TatraException;
import io.tatra.market.BarSeries;
import io.tatra.market.Regime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the synthetic market's {@code regimes.csv} (timestamp,regime) back, for evaluation against the true regimes. */
public final class RegimeCsv {
    private RegimeCsv() {}

    /** Open time (epoch ms) → regime; every malformed line is refused with its file and line number. */
    public static Map<Long, Regime> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new TatraException("cannot read true regimes from " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.get(0).trim().equals("timestamp,regime"))
            throw new TatraException(file + ":1: header must be timestamp,regime (the regimes.csv written by `tatra generate`)");
        Map<Long, Regime> out = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.isEmpty()) continue;
            String[] c = l.split(",", -1);
            if (c.length != 2) throw new TatraException(file + ":" + (i + 1) + ": " + c.length + " fields, expected 2 (timestamp,regime)");
            try {
                out.put(Instant.parse(c[0].trim()).toEpochMilli(), Regime.parse(c[1]));
            } catch (DateTimeParseException e) {
                throw new TatraException(file + ":" + (i + 1) + ": bad timestamp '" + c[0] + "' (expected ISO-8601 UTC, e.g. 2024-01-01T00:00:00Z)");
            } catch (IllegalArgumentException e) {
                throw new TatraException(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** The regime of every bar of {@code bars}; a bar the file does not cover is an error, not a guess. */
    public static List<Regime> align(Map<Long, Regime> regimes, BarSeries bars, Path file) {
        List<Regime> out = new ArrayList<>(bars.size());
        for (int i = 0; i < bars.size(); i++) {
            Regime r = regimes.get(bars.openTimeMillis(i));
            if (r == null) throw new TatraException(file + " has no regime for " + bars.symbol() + " bar " + bars.openTime(i));
            out.add(r);
        }
        return out;
    }
}
