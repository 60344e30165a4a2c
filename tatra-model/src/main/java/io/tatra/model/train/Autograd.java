package io.tatra.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.List;

/**
 * The one place that talks to PyTorch's autograd directly. DJL's {@code GradientCollector.backward} frees the
 * graph after one call; per-task gradients (PCGrad, GradNorm) need one backward per task over the same graph,
 * which is what {@link #backward(NDArray, boolean) backward(loss, true)} does. Call inside an open
 * {@code GradientCollector} (grad mode is per thread).
 */
public final class Autograd {
    private Autograd() {}

    /** Accumulates d(loss)/d(parameter) into every parameter's gradient; keeps the graph when asked. */
    public static void backward(NDArray loss, boolean keepGraph) {
        if (!(loss instanceof PtNDArray pt)) throw new IllegalStateException("Tatra's autograd adapter needs the PyTorch engine, got " + loss.getClass().getName());
        try (NDArray ones = loss.onesLike()) {
            JniUtils.backward(pt, (PtNDArray) ones, keepGraph, false);
        }
    }

    /** Zeroes the gradients of these parameters, in place. */
    public static void zero(List<Parameter> params) {
        for (Parameter p : params) {
            NDArray w = p.getArray();
            if (w.hasGradient()) JniUtils.zeroGrad((PtNDArray) w);
        }
    }

    /** Copies the gradients of these parameters, flattened in order, into one Java array. */
    public static float[] read(List<Parameter> params) {
        int n = 0;
        for (Parameter p : params) n += Math.toIntExact(p.getArray().getShape().size());
        float[] out = new float[n];
        int off = 0;
        for (Parameter p : params) {
            try (NDArray g = p.getArray().getGradient()) {
                float[] v = g.toFloatArray();
                System.arraycopy(v, 0, out, off, v.length);
                off += v.length;
            }
        }
        return out;
    }

    /**
     * Overwrites the gradients with a flat array, in place (never {@code grad.set(buffer)}, which crashes the
     * JVM on PyTorch gradients): zero, then add.
     */
    public static void write(List<Parameter> params, float[] flat) {
        int off = 0;
        for (Parameter p : params) {
            NDArray w = p.getArray();
            int n = Math.toIntExact(w.getShape().size());
            float[] part = java.util.Arrays.copyOfRange(flat, off, off + n);
            off += n;
            JniUtils.zeroGrad((PtNDArray) w);
            try (NDArray g = w.getGradient(); NDArray src = w.getManager().create(part, w.getShape())) {
                g.addi(src);
            }
        }
        if (off != flat.length) throw new IllegalArgumentException("gradient length " + flat.length + " != parameter count " + off);
    }

    /** Scales the gradients of these parameters in place. */
    public static void scale(List<Parameter> params, float factor) {
        for (Parameter p : params) {
            try (NDArray g = p.getArray().getGradient()) {
                g.muli(factor);
            }
        }
    }
}
