package io.tatra.cli;

import io.tatra.ingest.ImportPolicy;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import picocli.CommandLine;

/** Option converters with the same clear messages as the core parsers. */
final class Converters {
    private Converters() {}

    static final class IntervalConverter implements CommandLine.ITypeConverter<Interval> {
        @Override
        public Interval convert(String s) {
            try {
                return Interval.parse(s);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class SymbolConverter implements CommandLine.ITypeConverter<Symbol> {
        @Override
        public Symbol convert(String s) {
            try {
                return Symbol.of(s);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class PolicyConverter implements CommandLine.ITypeConverter<ImportPolicy> {
        @Override
        public ImportPolicy convert(String s) {
            try {
                return ImportPolicy.parse(s);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
