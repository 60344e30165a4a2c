package io.tatra.model.task;

import io.tatra.dataset.SymbolData;

/** Reads one task's label for a row of a symbol; NaN when the row has none (e.g. no true regime on real data). */
@FunctionalInterface
public interface LabelSource {
    double label(SymbolData data, int row);
}
