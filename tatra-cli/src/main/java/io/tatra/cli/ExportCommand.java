package io.tatra.cli;

import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.store.TatraStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true, description = "Export stored candles to CSV or Parquet (by the file name's extension).")
final class ExportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--symbol", required = true, converter = Converters.SymbolConverter.class)
    Symbol symbol;

    @Option(names = "--interval", required = true, converter = Converters.IntervalConverter.class)
    Interval interval;

    @Mixin
    PeriodOptions period;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv|FILE.parquet")
    Path out;

    @Option(names = "--force", description = "Replace an existing --out file")
    boolean force;

    @Override
    public Integer call() {
        io.tatra.AtomicWrite.checkTarget(out, false, force ? io.tatra.AtomicWrite.Existing.REPLACE : io.tatra.AtomicWrite.Existing.REFUSE, "--force");
        try (TatraStore store = TatraStore.openExisting(common.home())) {
            long rows = store.candles().export(symbol, interval, period.from(), period.to(), out);
            if (common.json) System.out.println(Json.write(Map.of("file", out.toString(), "rows", rows)));
            else System.out.println("wrote " + rows + " " + symbol + " " + interval + " bars to " + out);
        }
        return 0;
    }
}
