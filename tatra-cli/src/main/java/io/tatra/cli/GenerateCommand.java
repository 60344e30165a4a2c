package io.tatra.cli;

import io.tatra.market.Interval;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticExport;
import io.tatra.synth.SyntheticMarket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate a synthetic market: regime switching, GARCH volatility clustering, fat tails, jumps, correlated symbols,",
                "volume rising with volatility, funding and open interest. Writes one CSV per symbol plus regimes.csv (the true regime of every bar)."})
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--symbol-count", defaultValue = "4", description = "How many synthetic symbols (default 4)")
    int symbols;

    @Option(names = "--bars", defaultValue = "5000", description = "Bars per symbol (default 5000)")
    int bars;

    @Option(names = "--interval", defaultValue = "1h", converter = Converters.IntervalConverter.class, description = "Interval (default 1h)")
    Interval interval;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed gives the same market bit for bit (default 42)")
    long seed;

    @Option(names = "--books", description = "Also write SYMBOL_books.jsonl: an order book at each bar's close (no signal beyond the bars; for `tatra train --books`)")
    boolean books;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default HOME/synthetic/seed-SEED)")
    Path out;

    @Override
    public Integer call() {
        Path dir = out != null ? out : common.home().resolve("synthetic").resolve("seed-" + seed);
        SyntheticMarket m = generate(UserValues.of("--symbol-count / --bars / --interval", () -> SyntheticConfig.defaults(symbols, bars, interval, seed)), common.json);
        List<Path> files = SyntheticExport.write(m, dir, books);
        if (common.json) System.out.println(Json.write(Map.of("dir", dir.toString(), "files", files.stream().map(Path::toString).toList(), "seed", seed)));
        else System.out.println("wrote " + files.size() + " symbols x " + bars + " " + interval + " bars (seed " + seed + ") to " + dir
                + (books ? "; an order book per bar in SYMBOL_books.jsonl (import them too; `tatra train --books` reads them)" : ""));
        return 0;
    }

    static SyntheticMarket generate(SyntheticConfig cfg, boolean quiet) {
        Progress p = new Progress("generate", 2, quiet);
        p.update(0, cfg.symbols().size() + " symbols");
        SyntheticMarket m = MarketGenerator.generate(cfg);
        p.update(2, null);
        return m;
    }
}
