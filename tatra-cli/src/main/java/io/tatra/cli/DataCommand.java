package io.tatra.cli;

import io.tatra.ingest.BarImporter;
import io.tatra.ingest.DataReport;
import io.tatra.ingest.ImportOptions;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.store.CandleTable;
import io.tatra.store.TatraStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "data", mixinStandardHelpOptions = true, description = "Inspect data files and the store.",
        subcommands = {DataCommand.Check.class, DataCommand.ListCommand.class, DataCommand.Verify.class, DataCommand.Audit.class})
final class DataCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validation report of candle files: gaps, duplicates, ordering, OHLC, outliers, units, zero volume. Exit 0 without errors, 1 with errors.")
    static final class Check implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Option(names = "--symbol", converter = Converters.SymbolConverter.class, description = "Symbol, when the file does not say")
        Symbol symbol;

        @Option(names = "--interval", converter = Converters.IntervalConverter.class, description = "Expected interval")
        Interval interval;

        @Option(names = "--max-per-kind", defaultValue = "5", description = "Findings listed per kind in the text report (default 5; JSON lists up to 1000)")
        int perKind;

        @Override
        public Integer call() {
            List<DataReport> reports = new ArrayList<>();
            for (Path f : files) {
                DataReport r = BarImporter.check(f, new ImportOptions(symbol, interval, null));
                reports.add(r);
                if (!common.json) System.out.println(r.render(perKind));
            }
            if (common.json) System.out.println(Json.write(reports.stream().map(Check::toJson).toList()));
            return reports.stream().anyMatch(DataReport::hasErrors) ? 1 : 0;
        }

        static java.util.Map<String, Object> toJson(DataReport r) {
            var m = new java.util.LinkedHashMap<String, Object>();
            m.put("file", r.file().toString());
            m.put("format", r.format() == null ? null : r.format().id());
            m.put("symbol", r.symbol() == null ? null : r.symbol().value());
            m.put("interval", r.interval() == null ? null : r.interval().code());
            m.put("rows_read", r.rowsRead());
            m.put("bars", r.rowsKept());
            m.put("first", r.first());
            m.put("last", r.last());
            m.put("errors", r.errors());
            m.put("warnings", r.warnings());
            m.put("counts", r.counts());
            m.put("findings", r.findings().stream().map(f -> java.util.Map.of("severity", f.severity().name(), "kind", f.kind().name(),
                    "line", f.line(), "message", f.message())).toList());
            return m;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "What the store holds: symbol, interval, first, last, rows, missing bars.")
    static final class ListCommand implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            try (TatraStore store = TatraStore.openExisting(common.home())) {
                List<CandleTable.SeriesInfo> info = store.candles().list();
                if (common.json) {
                    System.out.println(Json.write(info.stream().map(i -> java.util.Map.of("symbol", i.symbol().value(), "interval", i.interval().code(),
                            "first", i.first(), "last", i.last(), "rows", i.rows(), "gaps", i.missing())).toList()));
                } else {
                    System.out.println(table(info));
                    for (var t : List.of(store.funding(), store.openInterest())) {
                        List<io.tatra.store.RateTable.SeriesInfo> rates = t.list();
                        if (rates.isEmpty()) continue;
                        System.out.println(t.kind() == io.tatra.store.RateTable.Kind.FUNDING ? "funding rates:" : "open interest:");
                        for (var r : rates) System.out.printf("%-14s %-8s %-21s %-21s %10d%n", r.symbol().value(), "", r.first(), r.last(), r.rows());
                    }
                    var books = store.books().list();
                    if (!books.isEmpty()) System.out.println("order books (snapshots; features with --books):");
                    for (var b : books) System.out.printf("%-14s %-8s %-21s %-21s %10d%n", b.symbol().value(), "", b.first(), b.last(), b.snapshots());
                    System.out.println("store: " + store.file());
                }
            }
            return 0;
        }

        static String table(List<CandleTable.SeriesInfo> info) {
            if (info.isEmpty()) return "the store holds no candles yet; try `tatra import FILE` or `tatra demo`";
            StringBuilder sb = new StringBuilder(String.format("%-14s %-8s %-21s %-21s %10s %8s%n", "SYMBOL", "INTERVAL", "FIRST", "LAST", "ROWS", "GAPS"));
            for (var i : info) {
                sb.append(String.format("%-14s %-8s %-21s %-21s %10d %8d%n", i.symbol(), i.interval(), i.first(), i.last(), i.rows(), i.missing()));
            }
            return sb.toString().stripTrailing();
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Read every row of every table of the store, so DuckDB checks every block: exit 0 when the store is sound, 2 with advice when it is damaged.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            try (TatraStore store = TatraStore.openExisting(common.home())) {
                java.util.Map<String, Long> rows = store.verify();
                if (common.json) System.out.println(Json.write(java.util.Map.of("store", store.file().toString(), "sound", true, "rows", rows)));
                else System.out.println("store " + store.file() + " is sound: every block read (" + rows + " rows)");
            }
            return 0;
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true,
            description = "Leakage checks of a dataset directory: recomputation, future perturbation, window warm-up, purge/embargo, label-span overlap, train-only normalization. Exit 0 if all pass, 1 otherwise.")
    static final class Audit implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(index = "0", paramLabel = "DIR")
        Path dir;

        @Override
        public Integer call() {
            io.tatra.dataset.Dataset ds = io.tatra.dataset.DatasetStore.read(dir);
            List<io.tatra.dataset.AuditCheck> checks = io.tatra.dataset.DatasetAudit.run(ds);
            boolean ok = checks.stream().allMatch(io.tatra.dataset.AuditCheck::passed);
            if (common.json) {
                System.out.println(Json.write(java.util.Map.of("dir", dir.toString(), "passed", ok, "checks", checks)));
            } else {
                for (var c : checks) System.out.printf("%-4s %-32s %s%n", c.passed() ? "PASS" : "FAIL", c.name(), c.detail());
                System.out.println(ok ? "audit passed: " + checks.size() + " checks" : "audit FAILED");
            }
            return ok ? 0 : 1;
        }
    }
}
