package io.tatra.ingest;

import io.tatra.market.Interval;

/** What a format reader produced: raw rows, the format, hints for symbol and interval, rows attempted. */
record ReadResult(RawBars bars, SourceFormat format, String symbolHint, Interval intervalHint, long dataRows) {}
