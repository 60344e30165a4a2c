package io.tatra.ingest;

import io.tatra.market.Interval;
import io.tatra.market.Symbol;

/** How to import one file: symbol and interval overrides (null: detect) and the error policy. */
public record ImportOptions(Symbol symbol, Interval interval, ImportPolicy policy) {
    public ImportOptions {
        if (policy == null) policy = ImportPolicy.STRICT;
    }

    public static ImportOptions strict() { return new ImportOptions(null, null, ImportPolicy.STRICT); }

    public static ImportOptions repair() { return new ImportOptions(null, null, ImportPolicy.REPAIR); }

    public ImportOptions withPolicy(ImportPolicy p) { return new ImportOptions(symbol, interval, p); }
}
