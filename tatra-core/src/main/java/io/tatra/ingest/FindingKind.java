package io.tatra.ingest;

/** Every problem the importer can report, with its grade. */
public enum FindingKind {
    UNREADABLE(Severity.ERROR, "the file cannot be read (missing, not gzip although named .gz, binary)"),
    EMPTY(Severity.ERROR, "the file holds no data rows"),
    UNKNOWN_FORMAT(Severity.ERROR, "the header or layout matches no supported format"),
    COLUMN_COUNT(Severity.ERROR, "a row has a different number of columns than the header"),
    UNPARSEABLE(Severity.ERROR, "a field is not a number or timestamp"),
    NON_FINITE(Severity.ERROR, "a value is NaN or infinite"),
    NON_POSITIVE_PRICE(Severity.ERROR, "a price is zero or negative"),
    NEGATIVE_VOLUME(Severity.ERROR, "a volume is negative"),
    OUT_OF_RANGE(Severity.ERROR, "a price outside 1e-12 .. 1e12 or a volume above 1e18: no market quotes that"),
    HIGH_BELOW_LOW(Severity.ERROR, "high is below low"),
    OHLC_INCONSISTENT(Severity.ERROR, "open or close lies outside [low, high]"),
    DUPLICATE_CONFLICTING(Severity.ERROR, "the same open time appears twice with different values"),
    UNDECIDABLE_TIME_UNIT(Severity.ERROR, "an epoch timestamp fits no unit (s, ms, us, ns) between 2000 and 2100"),
    TIME_MISMATCH(Severity.ERROR, "the epoch and the date column of a row disagree"),
    MISALIGNED(Severity.ERROR, "an open time is not on the interval's grid"),
    INTERVAL_MISMATCH(Severity.ERROR, "the data's interval differs from the one given"),
    MIXED_SYMBOLS(Severity.ERROR, "one file holds several symbols"),
    API_ERROR(Severity.ERROR, "an exchange response reports an error"),
    BAD_OPTIONAL_FIELD(Severity.ERROR, "an optional field (quote volume, trade count) is not a valid number"),
    DUPLICATE_IDENTICAL(Severity.WARNING, "the same bar appears twice with identical values"),
    REVERSE_ORDER(Severity.WARNING, "rows run newest first"),
    UNSORTED(Severity.WARNING, "rows are not in time order"),
    GAP(Severity.WARNING, "bars are missing"),
    ZERO_VOLUME_RUN(Severity.WARNING, "three or more consecutive bars have zero volume"),
    OUTLIER(Severity.WARNING, "a price far outside its neighbours, unconfirmed by them (bad wick or print)"),
    PRICE_JUMP(Severity.WARNING, "the open jumps far from the previous close"),
    MIXED_TIME_UNITS(Severity.WARNING, "epoch timestamps mix units (e.g. seconds and milliseconds)"),
    NO_ZONE(Severity.INFO, "timestamps carry no zone and are read as UTC"),
    IGNORED_COLUMNS(Severity.INFO, "columns Tatra does not use"),
    MISSING_OPTIONAL(Severity.INFO, "an optional field (quote volume, trade count) is missing or NULL"),
    PREAMBLE(Severity.INFO, "a non-data line before the header was skipped"),
    FROM_FILE_NAME(Severity.INFO, "the symbol or interval was taken from the file name");

    private final Severity severity;
    private final String meaning;

    FindingKind(Severity severity, String meaning) {
        this.severity = severity;
        this.meaning = meaning;
    }

    public Severity severity() { return severity; }

    public String meaning() { return meaning; }
}
