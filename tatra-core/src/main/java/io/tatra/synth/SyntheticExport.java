package io.tatra.synth;

import io.tatra.TatraException;
import io.tatra.ingest.BarCsv;
import io.tatra.market.BarSeries;
import io.tatra.market.FundingRate;
import io.tatra.market.OpenInterest;
import io.tatra.market.Symbol;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a synthetic market as files Tatra's importer reads back: per symbol
 * {@code SYMBOL_INTERVAL.csv} (timestamp,open,high,low,close,volume,quote_volume,trades with UTC ISO
 * times), {@code regimes.csv} (timestamp,regime: the true regime), and where generated
 * {@code SYMBOL_funding.csv} and {@code SYMBOL_open_interest.csv}; on request {@code SYMBOL_books.jsonl}.
 */
public final class SyntheticExport {
    private SyntheticExport() {}

    /** Writes the files and returns the candle files, in symbol order. */
    public static List<Path> write(SyntheticMarket market, Path dir) { return write(market, dir, false); }

    /** As {@link #write(SyntheticMarket, Path)}; with {@code books}, also {@code SYMBOL_books.jsonl} ({@link SyntheticBooks}, 25 levels a side). */
    public static List<Path> write(SyntheticMarket market, Path dir, boolean books) {
        List<Path> candles = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Symbol s : market.config().symbols()) {
                BarSeries b = market.series(s);
                Path f = dir.resolve(s + "_" + b.interval().code() + ".csv");
                BarCsv.write(b, f);
                candles.add(f);
                if (!market.funding().get(s).isEmpty()) {
                    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(s + "_funding.csv"))) {
                        w.write("timestamp,funding_rate\n");
                        for (FundingRate fr : market.funding().get(s)) w.write(fr.time() + "," + fr.rate() + "\n");
                    }
                }
                if (books) {
                    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(s + "_books.jsonl"))) {
                        for (io.tatra.journal.BookRecord r : SyntheticBooks.of(b, 25, market.config().seed())) w.write(io.tatra.Json.line(r) + "\n");
                    }
                }
                if (!market.openInterest().get(s).isEmpty()) {
                    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(s + "_open_interest.csv"))) {
                        w.write("timestamp,open_interest\n");
                        for (OpenInterest oi : market.openInterest().get(s)) w.write(oi.time() + "," + oi.value() + "\n");
                    }
                }
            }
            BarSeries first = market.series(market.config().symbols().get(0));
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("regimes.csv"))) {
                w.write("timestamp,regime\n");
                for (int i = 0; i < first.size(); i++) w.write(first.openTime(i) + "," + market.regime(i).name().toLowerCase() + "\n");
            }
        } catch (IOException | UncheckedIOException e) {
            throw new TatraException("cannot write the synthetic market to " + dir + ": " + e.getMessage(), e);
        }
        return candles;
    }
}
