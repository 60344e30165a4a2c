package io.tatra.cli;

import io.tatra.ingest.ImportOptions;
import io.tatra.market.Interval;
import io.tatra.market.Regime;
import io.tatra.store.TatraStore;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticExport;
import io.tatra.synth.SyntheticMarket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole story on the embedded default data: generate a synthetic market, import it through the validating importer, "
                + "then pre-train a small encoder, train the unified model, predict, evaluate it against specialists and baselines, "
                + "backtest it walk-forward net of costs and write the HTML report.",
                "--data-only stops after the import (seconds instead of minutes)."})
final class DemoCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--symbol-count", defaultValue = "3", description = "How many synthetic symbols (default 3)")
    int symbols;

    @Option(names = "--bars", defaultValue = "8760", description = "Bars per symbol (default 8760: a year of hours)")
    int bars;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--data-only", description = "Stop after generating and importing the market")
    boolean dataOnly;

    @Option(names = "--model-seeds", defaultValue = "2", description = "Training seeds of the evaluation (default 2; `tatra evaluate` defaults to 3)")
    int modelSeeds;

    @Option(names = "--threads", description = "PyTorch threads (default: available cores)")
    Integer threads;

    @Override
    public Integer call() {
        Path home = common.home();
        Path dir = home.resolve("demo").resolve("market-seed-" + seed);
        String steps = dataOnly ? "3" : "8";
        say("1/" + steps + " generate: " + symbols + " symbols x " + bars + " 1h bars, seed " + seed);
        SyntheticMarket m = GenerateCommand.generate(UserValues.of("--symbol-count / --bars", () -> SyntheticConfig.defaults(symbols, bars, Interval.H1, seed)), common.json);
        List<Path> files = SyntheticExport.write(m, dir);
        Map<Regime, Integer> regimeCount = new EnumMap<>(Regime.class);
        for (Regime r : m.regimes()) regimeCount.merge(r, 1, Integer::sum);
        say("    wrote " + dir + " (true regimes: " + regimeCount + ")");
        say("2/" + steps + " import into " + home.resolve(TatraStore.FILE_NAME) + ", each file validated under the strict policy");
        List<ImportService.FileOutcome> outcomes = new ArrayList<>();
        int errors = 0, warnings = 0;
        try (TatraStore store = TatraStore.open(home)) {
            List<Path> all = new ArrayList<>(files);
            for (Path f : files) { // funding rates and open interest beside each candle file go into the store too
                String sym = f.getFileName().toString().replaceFirst("_[^_]+\\.csv$", "");
                for (String kind : List.of("_funding.csv", "_open_interest.csv")) if (java.nio.file.Files.isRegularFile(dir.resolve(sym + kind))) all.add(dir.resolve(sym + kind));
            }
            for (Path f : all) {
                ImportService.FileOutcome o = ImportService.importFile(store, f, ImportOptions.strict(), false);
                outcomes.add(o);
                errors += o.errors();
                warnings += o.warnings();
                say("    " + ImportService.line(o));
            }
            say("3/" + steps + " the store now holds:");
            var info = store.candles().list();
            say(DataCommand.ListCommand.table(info).indent(4).stripTrailing());
            if (common.json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("home", home.toString());
                out.put("market_dir", dir.toString());
                out.put("regimes", regimeCount);
                out.put("check_errors", errors);
                out.put("check_warnings", warnings);
                out.put("imports", outcomes);
                out.put("store", info.stream().map(i -> Map.of("symbol", i.symbol().value(), "interval", i.interval().code(), "rows", i.rows(), "gaps", i.missing())).toList());
                System.out.println(Json.write(out));
            }
        }
        boolean ok = errors == 0 && outcomes.stream().allMatch(ImportService.FileOutcome::ok);
        if (!ok || dataOnly) {
            say("next: `./tatra data list`, `./tatra export --symbol SYN01USDT --interval 1h --out syn.parquet`, with your own candles: `./tatra import FILE.csv` (Binance, Bybit, CryptoDataDownload or any OHLCV CSV)");
            return ok ? 0 : 1;
        }
        new DemoModel(home, m.config().symbols(), dir.resolve("regimes.csv"), seed, modelSeeds, threads, common.json ? s -> { } : System.out::println).run();
        return 0;
    }

    private void say(String s) {
        if (!common.json) System.out.println(s);
    }
}
