package io.tatra.ingest;

import java.util.List;

/**
 * A candle document format that a venue module reads with its own protocol types (the Bybit v5 kline answer is read by
 * {@code tatra-bybit}'s {@code Kline} parser), found with {@link java.util.ServiceLoader}. The module turns the document
 * into text fields per row; the importer then applies its own number grammar, validation, policies and report, as for
 * every other format. Without the module on the class path such a document is refused as an unknown format.
 */
public interface DocumentFormat {
    /** The format this provider reads. */
    SourceFormat format();

    /** Whether this provider reads the document whose first non-blank line is {@code firstLine}. */
    boolean accepts(String firstLine);

    /** Reads the whole document; rows and problems are numbered by 1-based entry. */
    Document read(String text);

    /** One row's fields as text; {@code quoteVolume} may be null. */
    record Row(long entry, String time, String open, String high, String low, String close, String volume, String quoteVolume) {}

    /**
     * The rows of a document, the symbol it names (or null), how many entries it had, and the problems met: a row
     * that is no candle row, an error answer ({@link FindingKind#API_ERROR}), a malformed document.
     */
    record Document(String symbol, long entries, List<Row> rows, List<Finding> problems) {
        public Document {
            rows = List.copyOf(rows);
            problems = List.copyOf(problems);
        }
    }
}
