package io.tatra.ingest;

import io.tatra.TatraException;

/** A file refused under the strict policy (or unusable even under repair); carries the full report. */
public final class ImportRefusedException extends TatraException {
    private final transient DataReport report;

    public ImportRefusedException(String message, DataReport report) {
        super(message);
        this.report = report;
    }

    public DataReport report() { return report; }
}
