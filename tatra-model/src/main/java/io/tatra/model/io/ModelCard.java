package io.tatra.model.io;

import io.tatra.labels.LabelConfig;
import io.tatra.model.nn.ModelConfig;

import java.util.List;
import java.util.Map;

/**
 * The provenance of a saved model (model.json): what it is, what it was trained on and how, and how well it
 * did. Everything needed to rebuild it, to refuse data it cannot read and to audit a figure it produced.
 *
 * @param format        {@link ModelStore#FORMAT}
 * @param kind          "unified", "specialist" or "encoder" (pre-trained encoder alone)
 * @param featureSchema hash of the feature catalogue and config the inputs were computed with
 * @param trainFrom     first bar of the training part (the fold's first training span)
 * @param trainTo       last bar of the training part
 * @param validationFrom first bar of the validation part used for early stopping (null: none)
 * @param validationTo  last bar of the validation part; data up to here influenced the saved weights
 * @param split         how the parts were cut: "final" (everything before the validation tail) or a fold's name
 * @param normalizationFittedOn what the saved normalization was fitted on (training rows only)
 * @param files         SHA-256 of every weight and normalization file, by path in the directory; verified on load
 *                      (null in cards written before checksums)
 */
public record ModelCard(String format, String kind, String createdAt, Map<String, String> versions, ModelConfig config,
                        List<TaskCard> tasks, String featureSchema, int window, LabelConfig labels, String interval,
                        List<String> symbols, String dataFrom, String dataTo, String trainFrom, String trainTo,
                        String validationFrom, String validationTo, String split, String normalizationFittedOn, Map<String, Object> training, Map<String, Double> metrics,
                        String pretrainedFrom, Map<String, String> files) {
    public ModelCard {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        symbols = symbols == null ? List.of() : List.copyOf(symbols);
        versions = versions == null ? Map.of() : Map.copyOf(versions);
        training = training == null ? Map.of() : Map.copyOf(training);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        files = files == null ? null : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(files));
    }

    /**
     * One head: its task, kind and target scaling fitted on the training labels, and a class head's calibration
     * fitted on the validation part (null: none, as in cards written before calibration).
     */
    public record TaskCard(String name, String kind, int classes, double center, double scale, boolean frozenEncoder,
                           io.tatra.forecast.ClassCalibration calibration) {
        public TaskCard(String name, String kind, int classes, double center, double scale, boolean frozenEncoder) {
            this(name, kind, classes, center, scale, frozenEncoder, null);
        }
    }

    /** The last bar whose data shaped the saved weights: the end of validation (early stopping) or of training. */
    public String seenTo() { return validationTo != null && trainTo != null && validationTo.compareTo(trainTo) > 0 ? validationTo : trainTo; }

    public ModelCard withTasks(List<TaskCard> t) {
        return new ModelCard(format, kind, createdAt, versions, config, t, featureSchema, window, labels, interval, symbols,
                dataFrom, dataTo, trainFrom, trainTo, validationFrom, validationTo, split, normalizationFittedOn, training, metrics, pretrainedFrom, files);
    }

    public ModelCard withFiles(Map<String, String> f) {
        return new ModelCard(format, kind, createdAt, versions, config, tasks, featureSchema, window, labels, interval, symbols,
                dataFrom, dataTo, trainFrom, trainTo, validationFrom, validationTo, split, normalizationFittedOn, training, metrics, pretrainedFrom, f);
    }

    public ModelCard withMetrics(Map<String, Double> m) {
        return new ModelCard(format, kind, createdAt, versions, config, tasks, featureSchema, window, labels, interval, symbols,
                dataFrom, dataTo, trainFrom, trainTo, validationFrom, validationTo, split, normalizationFittedOn, training, m, pretrainedFrom, files);
    }
}
