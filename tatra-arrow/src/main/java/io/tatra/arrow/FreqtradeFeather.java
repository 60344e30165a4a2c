package io.tatra.arrow;

import io.tatra.TatraException;
import io.tatra.ingest.BarImporter;
import io.tatra.ingest.FreqtradeName;
import io.tatra.ingest.ImportOptions;
import io.tatra.ingest.ImportResult;
import io.tatra.ingest.RateFile;
import io.tatra.ingest.SourceFormat;
import io.tatra.market.Symbol;

import java.nio.file.Path;

/**
 * freqtrade's Feather files: candles ({@code date, open, high, low, close, volume}; {@code …-5m-futures.feather} or spot)
 * go through the candle importer's validation and report; funding ({@code …-8h-funding_rate.feather}, the rate in the
 * {@code open} column, timestamps with a few milliseconds of jitter) through the rate-file checks.
 */
public final class FreqtradeFeather {
    private FreqtradeFeather() {}

    /** Whether a file is a Feather file (by its magic), so the importer sends it here. */
    public static boolean isFeather(Path file) {
        try (var in = java.nio.file.Files.newInputStream(file)) {
            byte[] head = in.readNBytes(6);
            return new String(head, java.nio.charset.StandardCharsets.US_ASCII).equals("ARROW1");
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether freqtrade's name says funding rates. */
    public static boolean isFunding(Path file) { return "funding_rate".equals(FreqtradeName.of(file).kind()); }

    public static ImportResult candles(Path file, ImportOptions options) {
        FreqtradeName name = FreqtradeName.of(file);
        if ("mark".equals(name.kind())) throw new TatraException(file + ": a mark-price file; Tatra stores traded candles, funding and open interest, not mark prices yet");
        FeatherFile.Table t = FeatherFile.read(file);
        FeatherFile.Column date = t.column(file, "date");
        if (!date.timestamp()) throw new TatraException(file + ": column 'date' is not a timestamp");
        return BarImporter.fromColumns(file, SourceFormat.FREQTRADE_FEATHER, name.symbol(), name.interval(), date.millis(), t.column(file, "open").values(),
                t.column(file, "high").values(), t.column(file, "low").values(), t.column(file, "close").values(), t.column(file, "volume").values(), options);
    }

    public static RateFile.Result funding(Path file, Symbol symbol) {
        FreqtradeName name = FreqtradeName.of(file);
        Symbol s = symbol != null ? symbol : name.symbol() != null ? Symbol.of(name.symbol()) : null;
        if (s == null) throw new TatraException(file + ": cannot tell the symbol from the file name; give --symbol");
        FeatherFile.Table t = FeatherFile.read(file);
        FeatherFile.Column date = t.column(file, "date");
        return RateFile.fromColumns(file, s, "freqtrade-funding-feather", date.millis(), t.column(file, "open").values());
    }
}
