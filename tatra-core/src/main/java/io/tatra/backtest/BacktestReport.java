package io.tatra.backtest;

import io.tatra.trading.Trade;
import io.tatra.TatraException;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A backtest's metrics as a JSON-ready map, and its equity and trades as CSV files of a run directory. */
public final class BacktestReport {
    private BacktestReport() {}

    /** The headline keys scripts read: sharpe, deflated_sharpe, max_drawdown, trades, fees_paid, buy_and_hold_sharpe, and the rest. */
    public static Map<String, Object> metrics(Performance p, Performance buyAndHold) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sharpe", finite(p.sharpe()));
        m.put("deflated_sharpe", finite(p.deflatedSharpe()));
        m.put("max_drawdown", finite(p.maxDrawdown()));
        m.put("trades", p.trades());
        m.put("fees_paid", p.feesPaid());
        m.put("buy_and_hold_sharpe", finite(buyAndHold.sharpe()));
        m.put("total_return", finite(p.totalReturn()));
        m.put("annual_return", finite(p.annualReturn()));
        m.put("annual_volatility", finite(p.annualVolatility()));
        m.put("sortino", finite(p.sortino()));
        m.put("calmar", finite(p.calmar()));
        m.put("max_drawdown_bars", p.maxDrawdownBars());
        m.put("win_rate", finite(p.winRate()));
        m.put("profit_factor", finite(p.profitFactor()));
        m.put("average_win", finite(p.averageWin()));
        m.put("average_loss", finite(p.averageLoss()));
        m.put("exposure", finite(p.exposure()));
        m.put("turnover", finite(p.turnover()));
        m.put("funding_paid", p.fundingPaid());
        m.put("trials", p.trials());
        m.put("bars", p.bars());
        Map<String, Object> bh = new LinkedHashMap<>();
        bh.put("total_return", finite(buyAndHold.totalReturn()));
        bh.put("annual_return", finite(buyAndHold.annualReturn()));
        bh.put("sharpe", finite(buyAndHold.sharpe()));
        bh.put("sortino", finite(buyAndHold.sortino()));
        bh.put("max_drawdown", finite(buyAndHold.maxDrawdown()));
        bh.put("fees_paid", buyAndHold.feesPaid());
        m.put("buy_and_hold", bh);
        return m;
    }

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

    private static Double finite(double v) { return Double.isFinite(v) ? v : null; }
}
