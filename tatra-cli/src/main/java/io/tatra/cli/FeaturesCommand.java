package io.tatra.cli;

import io.tatra.TatraException;
import io.tatra.features.Feature;
import io.tatra.features.FeatureEngine;
import io.tatra.features.FeatureMatrix;
import io.tatra.features.MarketFrame;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.store.TatraStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Compute the 64 features of a stored series; print a summary or write CSV / Parquet (--out). --catalogue prints the feature catalogue.")
final class FeaturesCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--symbol", converter = Converters.SymbolConverter.class)
    Symbol symbol;

    @Option(names = "--interval", converter = Converters.IntervalConverter.class)
    Interval interval;

    @Mixin
    PeriodOptions period;

    @Option(names = "--out", paramLabel = "FILE.csv|FILE.parquet", description = "Write every row (open_time + 64 columns; undefined values are empty / NULL)")
    Path out;

    @Option(names = "--catalogue", description = "Print the feature catalogue as a Markdown table and exit")
    boolean catalogue;

    @Override
    public Integer call() {
        if (catalogue) {
            printCatalogue();
            return 0;
        }
        if (symbol == null || interval == null) throw new TatraException("features: --symbol and --interval are required (or --catalogue)");
        if (out != null && !(out.toString().endsWith(".csv") || out.toString().endsWith(".parquet")))
            throw new TatraException(out + ": name the output .csv or .parquet");
        try (TatraStore store = TatraStore.openExisting(common.home())) {
            MarketFrame frame = io.tatra.app.MarketData.load(store, symbol, interval, period.from(), period.to());
            int n = frame.bars().size();
            if (n <= Feature.maxWarmup())
                throw new TatraException(symbol + " " + interval.code() + ": " + n + " bars, but the features need " + (Feature.maxWarmup() + 1)
                        + " gap-free bars before every one is defined (warm-up " + Feature.maxWarmup() + ")");
            FeatureMatrix m = new FeatureEngine().compute(frame);
            int complete = 0;
            for (int i = 0; i < n; i++) if (m.complete(i)) complete++;
            if (out != null) write(m, store);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("symbol", symbol.value());
            summary.put("interval", interval.code());
            summary.put("rows", n);
            summary.put("complete_rows", complete);
            summary.put("from", frame.bars().openTime(0).toString());
            summary.put("to", frame.bars().openTime(n - 1).toString());
            summary.put("schema_hash", m.schemaHash());
            if (out != null) summary.put("file", out.toString());
            List<Map<String, Object>> cols = new ArrayList<>();
            for (Feature f : Feature.values()) {
                double sum = 0, sq = 0;
                int defined = 0;
                for (int i = 0; i < n; i++) {
                    double x = m.get(i, f);
                    if (!m.complete(i) || Double.isNaN(x)) continue;
                    defined++;
                    sum += x;
                    sq += x * x;
                }
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("feature", f.id());
                c.put("undefined_after_warmup", complete - defined);
                c.put("mean", defined == 0 ? null : sum / defined);
                c.put("std", defined < 2 ? null : Math.sqrt(Math.max(0, (sq - sum * sum / defined) / (defined - 1))));
                c.put("last", Double.isNaN(m.get(n - 1, f)) ? null : m.get(n - 1, f));
                cols.add(c);
            }
            summary.put("features", cols);
            if (common.json) {
                System.out.println(Json.write(summary));
                return 0;
            }
            System.out.printf("%s %s: %d bars %s .. %s, %d with every feature warm (schema %s)%n", symbol, interval.code(), n,
                    summary.get("from"), summary.get("to"), complete, m.schemaHash().substring(0, 12));
            System.out.printf("%-26s %12s %12s %12s %10s%n", "feature", "mean", "std", "last", "undefined");
            for (Map<String, Object> c : cols)
                System.out.printf("%-26s %12s %12s %12s %10s%n", c.get("feature"), fmt(c.get("mean")), fmt(c.get("std")), fmt(c.get("last")), c.get("undefined_after_warmup"));
            if (out != null) System.out.println("wrote " + n + " rows to " + out);
            return 0;
        }
    }

    private static String fmt(Object o) { return o == null ? "-" : String.format("%.5g", (Double) o); }

    private void write(FeatureMatrix m, TatraStore store) {
        boolean parquet = out.toString().endsWith(".parquet");
        try {
            Path csv = parquet ? Files.createTempFile("tatra-features", ".csv") : out;
            try (BufferedWriter w = Files.newBufferedWriter(csv)) {
                StringBuilder h = new StringBuilder("open_time");
                for (Feature f : Feature.values()) h.append(',').append(f.id());
                w.write(h.append('\n').toString());
                StringBuilder line = new StringBuilder(1024);
                for (int i = 0; i < m.rows(); i++) {
                    line.setLength(0);
                    line.append(Instant.ofEpochMilli(m.openTime(i)));
                    for (int f = 0; f < Feature.COUNT; f++) {
                        line.append(',');
                        double x = m.get(i, f);
                        if (!Double.isNaN(x)) line.append(x);
                    }
                    w.write(line.append('\n').toString());
                }
            }
            if (parquet) {
                store.csvToParquet(csv, out);
                Files.deleteIfExists(csv);
            }
        } catch (IOException e) {
            throw new TatraException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    static void printCatalogue() {
        System.out.println("| # | feature | group | warm-up | unit | formula |");
        System.out.println("|---|---|---|---|---|---|");
        for (Feature f : Feature.values())
            System.out.printf("| %d | `%s` | %s | %d | %s | %s |%n", f.ordinal() + 1, f.id(), f.group().name().toLowerCase(), f.warmup(), f.unit(), f.formula().replace("|", "\\|"));
    }
}
