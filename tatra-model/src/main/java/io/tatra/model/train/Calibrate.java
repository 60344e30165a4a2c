package io.tatra.model.train;

import io.tatra.forecast.ClassCalibration;
import io.tatra.metrics.Metrics;
import io.tatra.model.TatraModel;
import io.tatra.model.task.Task;
import io.tatra.model.task.TaskKind;

import java.util.LinkedHashMap;
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
        if (validation.size() == 0) throw new IllegalArgumentException("calibration needs validation windows; the validation part is empty");
        Map<String, float[]> raw = Inference.outputs(model, validation, 256);
        Map<String, Report> out = new LinkedHashMap<>();
        for (Task t : model.tasks()) {
            if (t.kind() != TaskKind.CLASSES) continue;
            int k = t.classes();
            double[] p = ClassCalibration.softmaxRows(raw.get(t.name()), k);
            float[] target = validation.targets(t, validation.all());
            int[] y = new int[target.length];
            for (int i = 0; i < y.length; i++) y[i] = (int) target[i];
            ClassCalibration c = ClassCalibration.fit(p, y, k);
            double[] q = c.applyRows(p);
            model.setCalibration(t.name(), c);
            out.put(t.name(), new Report(c.temperature(), c.bias(), ClassCalibration.logLoss(p, y, k), ClassCalibration.logLoss(q, y, k),
                    Metrics.ece(p, y, k, 10), Metrics.ece(q, y, k, 10), y.length));
        }
        return out;
    }
}
