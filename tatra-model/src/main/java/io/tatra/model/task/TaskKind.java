package io.tatra.model.task;

import io.tatra.model.nn.Scalar;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.tatra.dataset.Normalization;

import java.util.Arrays;

/**
 * What a head predicts and how it is trained. Each kind owns its loss (on raw head outputs), its target
 * transform and the way raw outputs become predictions.
 */
public enum TaskKind {
    /** k-class probabilities; softmax cross-entropy (log-loss). */
    CLASSES {
        @Override public NDArray loss(NDArray out, NDArray target, TargetScale s) {
            int k = (int) out.getShape().get(1);
            return out.logSoftmax(1).mul(target.toType(DataType.INT32, false).oneHot(k)).sum(new int[]{1}).neg().mean();
        }
    },
    /**
     * A positive scale (volatility): the head outputs a log variance (offset by the training mean log
     * variance) and is trained with QLIKE, {@code y/v - log(y/v) - 1} with y the realized variance.
     */
    LOG_VARIANCE {
        @Override public NDArray loss(NDArray out, NDArray target, TargetScale s) {
            NDArray logV = out.squeeze(1).add(Scalar.of(out, s.center()));
            return target.mul(logV.neg().exp()).add(logV).sub(target.log()).sub(Scalar.of(out, 1)).mean();
        }

        @Override public double target(double label) { return Math.max(label * label, 1e-12); }

        @Override public TargetScale fitScale(double[] targets) {
            double mean = Arrays.stream(targets).average().orElse(Double.NaN);
            return new TargetScale(Math.log(mean), 1);
        }

        @Override public double predict(float raw, TargetScale s) { return Math.sqrt(Math.exp(raw + s.center())); }
    },
    /** A real number (return): Huber loss (δ = 1) on the standardized target. */
    ROBUST_REGRESSION {
        @Override public NDArray loss(NDArray out, NDArray target, TargetScale s) {
            NDArray err = out.squeeze(1).sub(target.sub(Scalar.of(out, s.center())).div(Scalar.of(out, s.scale()))).abs();
            NDArray quad = err.minimum(Scalar.of(out, 1));
            return quad.square().mul(Scalar.of(out, 0.5)).add(err.sub(quad)).mean();
        }

        @Override public TargetScale fitScale(double[] targets) {
            double[] sorted = targets.clone();
            Arrays.sort(sorted);
            double median = Normalization.quantile(sorted, 0.5), iqr = Normalization.quantile(sorted, 0.75) - Normalization.quantile(sorted, 0.25);
            return new TargetScale(median, iqr > 0 ? iqr / 1.349 : 1);
        }

        @Override public double predict(float raw, TargetScale s) { return raw * s.scale() + s.center(); }
    },
    /** A yes/no event: logistic loss, prediction is the probability of yes. */
    BINARY {
        @Override public NDArray loss(NDArray out, NDArray target, TargetScale s) {
            NDArray z = out.squeeze(1);
            return logistic(z, target);
        }

        @Override public double predict(float raw, TargetScale s) { return 1 / (1 + Math.exp(-raw)); }
    };

    /** Mean logistic loss of logits z against 0/1 targets, {@code max(z,0) − z·y + log(1 + e^−|z|)}, stable for any z. */
    public static NDArray logistic(NDArray z, NDArray y) {
        return z.maximum(Scalar.of(z, 0)).sub(z.mul(y)).add(z.abs().neg().exp().add(Scalar.of(z, 1)).log()).mean();
    }

    /** Mean loss of a batch: {@code out} is the head's raw output, {@code target} the transformed labels. */
    public abstract NDArray loss(NDArray out, NDArray target, TargetScale scale);

    /** The training target for a label value (identity except for variance targets). */
    public double target(double label) { return label; }

    /** Scaling fitted on the training targets. */
    public TargetScale fitScale(double[] targets) { return TargetScale.IDENTITY; }

    /** Single-output kinds: the prediction in label units (volatility, return, probability). */
    public double predict(float raw, TargetScale s) { return raw; }

    public int outputs(int classes) { return this == CLASSES ? classes : 1; }
}
