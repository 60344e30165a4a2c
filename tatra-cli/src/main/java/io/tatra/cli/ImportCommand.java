package io.tatra.cli;

import io.tatra.ingest.ImportOptions;
import io.tatra.ingest.ImportPolicy;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.store.TatraStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Validate candle files (Binance, Bybit, CryptoDataDownload, generic OHLCV CSV, market JSONL; .gz too) or trading journals and store them.",
                "Re-importing a file adds nothing. A refused file does not stop the others; the exit code is 1 if any was refused."})
final class ImportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    @Option(names = "--symbol", converter = Converters.SymbolConverter.class, description = "Symbol, when the file does not say (e.g. BTCUSDT)")
    Symbol symbol;

    @Option(names = "--interval", converter = Converters.IntervalConverter.class, description = "Interval (1m ... 1d); checked against the data")
    Interval interval;

    @Option(names = "--policy", converter = Converters.PolicyConverter.class, defaultValue = "strict",
            description = "strict (default): refuse files with errors; repair: apply the documented repairs and list them")
    ImportPolicy policy;

    @Option(names = "--replace", description = "Overwrite stored bars that differ (default: keep the stored ones and report)")
    boolean replace;

    @Option(names = "--report", description = "Print the full validation report of each file")
    boolean report;

    @Override
    public Integer call() {
        List<ImportService.FileOutcome> outcomes = new ArrayList<>();
        Progress progress = new Progress("import", files.size(), common.json);
        try (TatraStore store = TatraStore.open(common.home())) {
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                progress.update(i, f.getFileName().toString());
                ImportService.FileOutcome o = ImportService.importFile(store, f, new ImportOptions(symbol, interval, policy), replace);
                outcomes.add(o);
                if (!common.json) {
                    System.out.println(ImportService.line(o));
                    if (report && o.ok() && o.report() != null) System.out.println(o.report().render(10));
                }
            }
            progress.update(files.size(), null);
        }
        if (common.json) System.out.println(Json.write(outcomes));
        return outcomes.stream().allMatch(ImportService.FileOutcome::ok) ? 0 : 1;
    }
}
