package io.tatra.backtest;

import io.tatra.trading.Trade;
import io.tatra.TatraException;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/** A backtest's equity, trades, forecasts and prices as CSV files of a run directory. */
public final class BacktestReport {
    private BacktestReport() {}

    /** {@code equity.csv} (time, equity, buy-and-hold, exposure) and {@code trades.csv}. */
    public static void writeCsv(Path dir, BacktestResult r, BacktestResult buyAndHold) {
        try {
            Files.createDirectories(dir);
            try (Writer w = Files.newBufferedWriter(dir.resolve("equity.csv"))) {
                w.write("time,equity,buy_and_hold,exposure\n");
                for (int i = 0; i < r.times().length; i++)
                    w.write(String.format(Locale.ROOT, "%s,%.6f,%.6f,%.6f%n", Instant.ofEpochMilli(r.times()[i]), r.equity()[i],
                            i < buyAndHold.equity().length ? buyAndHold.equity()[i] : Double.NaN, r.exposure()[i]));
            }
            try (Writer w = Files.newBufferedWriter(dir.resolve("trades.csv"))) {
                w.write("symbol,side,quantity,entry_time,entry_price,exit_time,exit_price,fees,funding,pnl,reason,decision_id\n");
                for (Trade t : r.trades())
                    w.write(String.format(Locale.ROOT, "%s,%s,%.8f,%s,%.8f,%s,%.8f,%.6f,%.6f,%.6f,%s,%s%n", t.symbol().value(), t.side() > 0 ? "long" : "short",
                            t.quantity(), t.entryTime(), t.entryPrice(), t.exitTime(), t.exitPrice(), t.fees(), t.funding(), t.pnl(), t.reason(),
                            t.decisionId() == null ? "" : t.decisionId()));
            }
        } catch (IOException e) {
            throw new TatraException("cannot write the backtest to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** {@code forecasts.csv} (per window: the heads' forecasts and the labels) and {@code prices.csv} (time, symbol, close). */
    public static void writeForecastsAndPrices(Path dir, java.util.List<io.tatra.metrics.WindowForecast> forecasts, java.util.List<io.tatra.market.BarSeries> bars) {
        try {
            Files.createDirectories(dir);
            try (Writer w = Files.newBufferedWriter(dir.resolve("forecasts.csv"))) {
                w.write(io.tatra.metrics.WindowForecast.HEADER + "\n");
                for (var f : forecasts) w.write(f.csvLine() + "\n");
            }
            try (Writer w = Files.newBufferedWriter(dir.resolve("prices.csv"))) {
                w.write("time,symbol,close\n");
                for (var b : bars)
                    for (int i = 0; i < b.size(); i++) w.write(String.format(Locale.ROOT, "%s,%s,%s%n", b.openTime(i), b.symbol().value(), b.close(i)));
            }
        } catch (IOException e) {
            throw new TatraException("cannot write the backtest to " + dir + ": " + e.getMessage(), e);
        }
    }

}
