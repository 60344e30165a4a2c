package io.tatra.model.train;

import io.tatra.forecast.ClassCalibration;
import io.tatra.metrics.Metrics;
import io.tatra.model.TatraModel;
import io.tatra.model.task.Task;
import io.tatra.model.task.TaskKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits every class head's {@link ClassCalibration} on validation windows (never the training part, never the test
 * part) and sets it on the model. What it did is returned for the model card: the fitted values and the head's
 * log-loss and ECE on those windows before and after (on the data it was fitted on, so optimistic: the test part's
 * figures are the ones to quote).
 */
public final class Calibrate {
    private Calibrate() {}

    /** One head's calibration and its effect on the validation windows. */
    public record Report(double temperature, double[] bias, double logLossBefore, double logLossAfter, double eceBefore, double eceAfter, int windows) {}

    public static Map<String, Report> heads(TatraModel model, Samples validation) {
        Map<String, Report> out = new LinkedHashMap<>();
        fit(model, validation, Inference.outputs(model, validation, 256)).forEach((task, f) -> {
            model.setCalibration(task, f.calibration());
            out.put(task, f.report());
        });
        return out;
    }

    /**
     * Each class head's log-loss on these windows after the calibration that would be fitted on them, without
     * changing the model: what early stopping watches when training calibrates, so a head that grows overconfident
     * (its raw loss rising while its ranking holds) does not decide the epoch.
     */
    public static Map<String, Double> calibratedLosses(TatraModel model, Samples validation) {
        return calibratedLosses(model, validation, Inference.outputs(model, validation, 256));
    }

    /** The same from raw outputs already computed on these windows (no further forward pass). */
    public static Map<String, Double> calibratedLosses(TatraModel model, Samples validation, Map<String, float[]> raw) {
        Map<String, Double> out = new LinkedHashMap<>();
        fit(model, validation, raw).forEach((task, f) -> out.put(task, f.report().logLossAfter()));
        return out;
    }

    private record Fitted(ClassCalibration calibration, Report report) {}

    private static Map<String, Fitted> fit(TatraModel model, Samples validation, Map<String, float[]> raw) {
        if (validation.size() == 0) throw new IllegalArgumentException("calibration needs validation windows; the validation part is empty");
        List<Task> classTasks = model.tasks().stream().filter(t -> t.kind() == TaskKind.CLASSES).toList();
        Map<String, Fitted> out = new LinkedHashMap<>();
        for (Task t : classTasks) {
            int k = t.classes();
            double[] p = ClassCalibration.softmaxRows(raw.get(t.name()), k);
            float[] target = validation.targets(t, validation.all());
            int[] y = new int[target.length];
            for (int i = 0; i < y.length; i++) y[i] = (int) target[i];
            ClassCalibration c = ClassCalibration.fit(p, y, k);
            double[] q = c.applyRows(p);
            out.put(t.name(), new Fitted(c, new Report(c.temperature(), c.bias(), ClassCalibration.logLoss(p, y, k), ClassCalibration.logLoss(q, y, k),
                    Metrics.ece(p, y, k, 10), Metrics.ece(q, y, k, 10), y.length)));
        }
        return out;
    }
}
