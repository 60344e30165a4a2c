package io.tatra.cli;

import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code --symbols A,B --interval I} and the period: which stored series a multi-symbol command reads. */
final class SeriesOptions {
    @Option(names = "--symbols", required = true, split = ",", converter = Converters.SymbolConverter.class, paramLabel = "SYMBOL",
            description = "Comma-separated stored symbols, e.g. BTCUSDT,ETHUSDT")
    List<Symbol> symbols;

    @Option(names = "--interval", required = true, converter = Converters.IntervalConverter.class, description = "Bar interval of the stored series (1m ... 1d)")
    Interval interval;

    @Mixin PeriodOptions period = new PeriodOptions();
}
