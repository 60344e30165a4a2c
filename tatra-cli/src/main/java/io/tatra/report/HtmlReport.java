package io.tatra.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tatra.TatraException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.tatra.app.RunResult;
import java.util.TreeMap;

/**
 * One self-contained HTML file for a backtest run: ECharts (inlined from its Maven artifact, no network) draws
 * equity against buy-and-hold, drawdowns, prices with trade markers, monthly returns, and the model's direction
 * calibration and confusion matrices on the traded windows. The page sets {@code body[data-status]} to
 * {@code rendered} when every chart drew, {@code error} otherwise (what the browser test checks).
 */
public final class HtmlReport {
    /** Points per line series after down-sampling (the page stays a few MB for years of hourly bars). */
    static final int MAX_POINTS = 3000;
    static final String ECHARTS = "/META-INF/resources/_static/echarts/5.5.1/dist/echarts.min.js";
    private static final String[] DIRECTION = {"down", "sideways", "up"}, REGIME = {"bull", "bear", "sideways"};

    private HtmlReport() {}

    public static String render(RunData run) {
        Map<String, Object> d = new LinkedHashMap<>();
        RunResult r = run.result();
        d.put("title", "Tatra backtest: " + r.symbols());
        d.put("subtitle", r.from() + " .. " + r.to() + (r.walkForward() != null ? ", walk-forward re-training" : ", model " + r.model()) + " — " + run.dir());
        d.put("honesty", String.format(Locale.ROOT, "Deflated Sharpe counts %s strategy variants tried in this home; fills at the next bar's open; costs included.", r.trials()));
        d.put("metrics", metrics(r));
        d.put("decisions", decisions(r.decisions()));
        d.put("decisionNote", decisionNote(r));
        List<RunData.Row> eq = run.equity();
        int stride = Math.max(1, eq.size() / MAX_POINTS);
        List<double[]> e = new ArrayList<>(), b = new ArrayList<>(), dd = new ArrayList<>(), ddb = new ArrayList<>();
        double peak = Double.NEGATIVE_INFINITY, peakB = Double.NEGATIVE_INFINITY, worst = 0, worstB = 0;
        for (int i = 0; i < eq.size(); i++) {
            RunData.Row row = eq.get(i);
            peak = Math.max(peak, row.equity());
            peakB = Math.max(peakB, row.buyAndHold());
            worst = Math.min(worst, row.equity() / peak - 1);
            worstB = Math.min(worstB, row.buyAndHold() / peakB - 1);
            if (i % stride == 0 || i == eq.size() - 1) {
                e.add(new double[]{row.time(), row.equity()});
                b.add(new double[]{row.time(), row.buyAndHold()});
                dd.add(new double[]{row.time(), worst});
                ddb.add(new double[]{row.time(), worstB});
                worst = 0;
                worstB = 0;
            }
        }
        d.put("equity", e);
        d.put("buyAndHold", b);
        d.put("drawdown", dd);
        d.put("drawdownBuyAndHold", ddb);
        d.put("prices", prices(run));
        d.put("monthly", monthly(eq));
        d.put("calibration", calibration(run.forecasts()));
        d.put("confusionDirection", confusion(run.forecasts(), true, DIRECTION));
        d.put("confusionRegime", confusion(run.forecasts(), false, REGIME));
        d.put("evalNote", run.forecasts().isEmpty() ? "No forecasts.csv in this run: the model evaluation is not shown."
                : run.forecasts().stream().filter(io.tatra.metrics.WindowForecast::labelled).count() + " labelled windows (of " + run.forecasts().size() + " decided on). Calibration: windows binned by the top class probability (point size = windows); the diagonal is perfect calibration.");
        String json;
        try {
            json = scriptSafe(io.tatra.Json.MAPPER.writeValueAsString(d));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        return template().replace("/*ECHARTS*/", echartsScript()).replace("/*DATA*/", json);
    }

    /**
     * JSON that can sit inside a script element whatever its strings hold: {@code <}, {@code >}, {@code &} and the
     * two JavaScript line separators become unicode escapes (valid JSON, the same strings), so no value can close
     * the script, open a comment or inject markup.
     */
    static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    private static List<List<String>> metrics(RunResult r) {
        RunResult.BuyAndHold bh = r.buyAndHold();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("total return", pct(r.totalReturn()), pct(bh.totalReturn())));
        rows.add(List.of("annual return", pct(r.annualReturn()), pct(bh.annualReturn())));
        rows.add(List.of("Sharpe", num(r.sharpe()), num(bh.sharpe())));
        rows.add(List.of("deflated Sharpe (probability)", num(r.deflatedSharpe()), "—"));
        rows.add(List.of("Sortino", num(r.sortino()), num(bh.sortino())));
        rows.add(List.of("Calmar", num(r.calmar()), "—"));
        rows.add(List.of("max drawdown", pct(r.maxDrawdown()), pct(bh.maxDrawdown())));
        rows.add(List.of("max drawdown duration (bars)", String.valueOf(r.maxDrawdownBars()), "—"));
        rows.add(List.of("trades", String.valueOf(r.trades()), "1 per symbol"));
        rows.add(List.of("win rate", pct(r.winRate()), "—"));
        rows.add(List.of("profit factor", num(r.profitFactor()), "—"));
        rows.add(List.of("average win / loss", num(r.averageWin()) + " / " + num(r.averageLoss()), "—"));
        rows.add(List.of("exposure (mean gross, × equity)", num(r.exposure()), "—"));
        rows.add(List.of("turnover (× equity per year)", num(r.turnover()), "—"));
        rows.add(List.of("fees paid", num(r.feesPaid()), num(bh.feesPaid())));
        rows.add(List.of("funding paid", num(r.fundingPaid()), "—"));
        io.tatra.backtest.CostBreakdown c = r.costs();
        if (c != null) {
            rows.add(List.of("slippage paid", num(c.slippage()), "—"));
            rows.add(List.of("gross P&L (before costs)", num(c.grossPnl()), "—"));
            rows.add(List.of("costs: share of gross P&L", c.costShareOfGross() == null ? "no positive gross" : pct(c.costShareOfGross()), "—"));
            rows.add(List.of("cost per trade", c.costPerTrade() == null ? "—" : num(c.costPerTrade()), "—"));
            rows.add(List.of("traded notional (× starting capital)", num(c.turnover()), "—"));
        }
        return rows;
    }

    /** Long, short and flat counts, then each skip reason and each signal the holding rules held back. */
    static List<List<String>> decisions(io.tatra.backtest.DecisionStats s) {
        List<List<String>> rows = new ArrayList<>();
        if (s == null || s.decisions() == 0) return rows;
        double n = s.decisions();
        rows.add(List.of("long", String.valueOf(s.longs()), pct(s.longs() / n)));
        rows.add(List.of("short", String.valueOf(s.shorts()), pct(s.shorts() / n)));
        rows.add(List.of("flat", String.valueOf(s.flats()), pct(s.flats() / n)));
        s.skipped().entrySet().stream().sorted(Map.Entry.<io.tatra.decision.SkipReason, Long>comparingByValue().reversed())
                .forEach(e -> rows.add(List.of("flat: " + e.getKey().text(), String.valueOf(e.getValue()), pct(e.getValue() / n))));
        s.heldBack().entrySet().stream().sorted(Map.Entry.<io.tatra.decision.SkipReason, Long>comparingByValue().reversed())
                .forEach(e -> rows.add(List.of("signal held back: " + e.getKey().text(), String.valueOf(e.getValue()), pct(e.getValue() / n))));
        return rows;
    }

    private static String decisionNote(RunResult r) {
        io.tatra.backtest.DecisionStats s = r.decisions();
        if (s == null) return "This run was written before decisions were counted.";
        String policy = "Policy: " + r.policy() + ".";
        if (r.edge() != null)
            policy += String.format(Locale.ROOT, " Fitted on the model's validation part: expected return = %.3f × (P(up) − P(down)) × σ√h (t %.2f over %d windows); entry level %s.",
                    r.edge().slope(), r.edge().tStat(), r.edge().samples(), pct(r.entryLevel()));
        if (r.walkForward() != null) {
            List<String> folds = new ArrayList<>();
            for (var f : r.walkForward())
                if (f.edge() != null) folds.add(String.format(Locale.ROOT, "%s slope %.3f (t %.2f)", f.fold(), f.edge().slope(), f.edge().tStat()));
            if (!folds.isEmpty()) policy += " Each fold's policy was fitted on its own validation part: " + String.join(", ", folds) + ".";
        }
        if (s.edge() == null) return policy + " This policy does not price its signals: no edge against cost to show.";
        return policy + String.format(Locale.ROOT, " |Expected return| over the horizon: median %s, 80th percentile %s, 95th %s, 99th %s, against a median round trip of %s;"
                        + " %s of decisions expected to pay their round trip.", pct(s.edge().p50()), pct(s.edge().p80()), pct(s.edge().p95()), pct(s.edge().p99()),
                pct(s.cost().p50()), pct(s.edgeAboveCost()));
    }

    private static List<Map<String, Object>> prices(RunData run) {
        Map<String, List<double[]>> close = new LinkedHashMap<>();
        for (RunData.Price c : run.prices()) close.computeIfAbsent(c.symbol(), k -> new ArrayList<>()).add(new double[]{c.time(), c.close()});
        long from = run.equity().get(0).time();
        List<Map<String, Object>> out = new ArrayList<>();
        for (var e : close.entrySet()) {
            List<double[]> all = e.getValue().stream().filter(p -> p[0] >= from).toList();
            int stride = Math.max(1, all.size() / MAX_POINTS);
            List<double[]> line = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) if (i % stride == 0 || i == all.size() - 1) line.add(all.get(i));
            List<double[]> longs = new ArrayList<>(), shorts = new ArrayList<>(), exits = new ArrayList<>();
            for (RunData.TradeRow t : run.trades()) {
                if (!t.symbol().equals(e.getKey())) continue;
                (t.isLong() ? longs : shorts).add(new double[]{t.entryTime(), t.entryPrice()});
                exits.add(new double[]{t.exitTime(), t.exitPrice()});
            }
            out.add(Map.of("symbol", e.getKey(), "close", line, "longEntries", longs, "shortEntries", shorts, "exits", exits));
        }
        return out;
    }

    private static Map<String, Object> monthly(List<RunData.Row> eq) {
        TreeMap<String, Double> monthEnd = new TreeMap<>();
        for (RunData.Row r : eq) {
            ZonedDateTime t = Instant.ofEpochMilli(r.time()).atZone(ZoneOffset.UTC);
            monthEnd.put(String.format(Locale.ROOT, "%04d-%02d", t.getYear(), t.getMonthValue()), r.equity());
        }
        List<String> years = new ArrayList<>();
        List<double[]> cells = new ArrayList<>();
        double prev = eq.get(0).equity(), scale = 0.01;
        for (var m : monthEnd.entrySet()) {
            String y = m.getKey().substring(0, 4);
            if (!years.contains(y)) years.add(y);
            double ret = m.getValue() / prev - 1;
            prev = m.getValue();
            scale = Math.max(scale, Math.abs(ret));
            cells.add(new double[]{Integer.parseInt(m.getKey().substring(5)) - 1, years.indexOf(y), ret});
        }
        return Map.of("months", List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), "years", years,
                "cells", cells, "scale", scale);
    }

    /** Top-class calibration of the direction head: [mean confidence, accuracy, windows] per 10 % bin. */
    static List<double[]> calibration(List<io.tatra.metrics.WindowForecast> f) {
        double[] conf = new double[10], hit = new double[10];
        int[] n = new int[10];
        for (var c : f) {
            int label = c.directionLabel();
            if (label < 0) continue;
            int best = 0;
            double[] p = c.direction();
            for (int k = 1; k < 3; k++) if (p[k] > p[best]) best = k;
            int bin = Math.min(9, (int) (p[best] * 10));
            conf[bin] += p[best];
            hit[bin] += best == label ? 1 : 0;
            n[bin]++;
        }
        List<double[]> out = new ArrayList<>();
        for (int k = 0; k < 10; k++) if (n[k] > 0) out.add(new double[]{conf[k] / n[k], hit[k] / n[k], n[k]});
        return out;
    }

    /** Counts of (true, predicted) over the windows with a label, of the direction or the regime head. */
    static Map<String, Object> confusion(List<io.tatra.metrics.WindowForecast> f, boolean direction, String[] names) {
        long[][] m = new long[3][3];
        long max = 1;
        for (var c : f) {
            int label = direction ? c.directionLabel() : c.regimeLabel();
            if (label < 0) continue;
            double[] p = direction ? c.direction() : c.regime();
            int best = 0;
            for (int k = 1; k < 3; k++) if (p[k] > p[best]) best = k;
            max = Math.max(max, ++m[label][best]);
        }
        List<long[]> cells = new ArrayList<>();
        for (int t = 0; t < 3; t++) for (int p = 0; p < 3; p++) cells.add(new long[]{p, t, m[t][p]});
        return Map.of("labels", List.of(names), "cells", cells, "max", max);
    }

    private static String pct(Object v) { return v instanceof Number x ? String.format(Locale.ROOT, "%.2f %%", 100 * x.doubleValue()) : "n/a"; }

    private static String num(Object v) { return v instanceof Number x ? String.format(Locale.ROOT, "%.3f", x.doubleValue()) : "n/a"; }

    private static String template() { return resource("/io/tatra/report/report.html"); }

    private static String echarts() { return resource(ECHARTS); }

    /** ECharts, ready to sit inside a script element. */
    static String echartsScript() { return echarts().replace("</script", "<\\/script"); }

    /** A text resource of this build. */
    static String resourceText(String path) { return resource(path); }

    private static String resource(String path) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(path)) {
            if (in == null) throw new TatraException("the build lacks " + path + " (a packaging error)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TatraException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
