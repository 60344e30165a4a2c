package io.tatra.cli;

import io.tatra.ingest.BarImporter;
import io.tatra.ingest.ImportOptions;
import io.tatra.ingest.ImportResult;
import io.tatra.market.Interval;
import io.tatra.store.TatraStore;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.", subcommands = {BenchCommand.Import.class, ExchangeBench.class, ModelsBench.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"End-to-end import throughput: a synthetic CSV of N candles -> parse -> validate -> DuckDB store (fresh store each run).",
                    "Reports the median of the runs after one warm-up, with parse+validate and store shown separately."})
    static final class Import implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--rows", defaultValue = "1000000")
        int rows;

        @Option(names = "--runs", defaultValue = "5")
        int runs;

        @Override
        public Integer call() throws IOException {
            Path tmp = Files.createTempDirectory("tatra-bench");
            try {
                SyntheticConfig cfg = SyntheticConfig.defaults(1, rows, Interval.M1, 1);
                Path csv = SyntheticExport.write(MarketGenerator.generate(cfg), tmp.resolve("data")).get(0);
                double[] total = new double[runs], parse = new double[runs], store = new double[runs];
                for (int r = -1; r < runs; r++) {
                    Path home = tmp.resolve("home" + r);
                    long t0 = System.nanoTime();
                    ImportResult res = BarImporter.read(csv, ImportOptions.strict());
                    long t1 = System.nanoTime();
                    try (TatraStore st = TatraStore.open(home)) {
                        if (st.candles().write(res.series(), false).added() != rows) throw new IllegalStateException("row count mismatch");
                    }
                    long t2 = System.nanoTime();
                    if (r >= 0) {
                        total[r] = rows / ((t2 - t0) / 1e9);
                        parse[r] = rows / ((t1 - t0) / 1e9);
                        store[r] = rows / ((t2 - t1) / 1e9);
                    }
                    if (!common.json) System.out.printf("%s: %,.0f rows/s end to end (parse+validate %,.0f rows/s, store %,.0f rows/s)%n",
                            r < 0 ? "warm-up" : "run " + (r + 1), rows / ((t2 - t0) / 1e9), rows / ((t1 - t0) / 1e9), rows / ((t2 - t1) / 1e9));
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("rows", rows);
                out.put("csv_bytes", Files.size(csv));
                out.put("runs", runs);
                out.put("median_rows_per_s", median(total));
                out.put("median_parse_validate_rows_per_s", median(parse));
                out.put("median_store_rows_per_s", median(store));
                out.put("cores", Runtime.getRuntime().availableProcessors());
                out.put("java", Runtime.version().toString());
                if (common.json) System.out.println(Json.write(out));
                else System.out.printf("median of %d runs: %,.0f rows/s end to end (target >= 300,000)%n", runs, median(total));
            } finally {
                deleteTree(tmp);
            }
            return 0;
        }

        static double median(double[] x) {
            double[] s = x.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        static void deleteTree(Path p) {
            try (Stream<Path> w = Files.walk(p)) {
                for (Path q : w.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
            } catch (IOException | UncheckedIOException e) {
                System.err.println("tatra: could not remove " + p + " (" + e.getMessage() + ")");
            }
        }
    }
}
