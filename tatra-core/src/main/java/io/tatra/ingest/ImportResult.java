package io.tatra.ingest;

import io.tatra.market.BarSeries;

/** An imported file: the validated series and the report of how it was obtained. */
public record ImportResult(BarSeries series, DataReport report) {}
