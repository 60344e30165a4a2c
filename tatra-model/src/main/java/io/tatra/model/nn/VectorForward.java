package io.tatra.model.nn;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
import java.util.List;

import static io.tatra.model.nn.VectorKernels.addInPlace;
import static io.tatra.model.nn.VectorKernels.gelu;
import static io.tatra.model.nn.VectorKernels.layerNorm;
import static io.tatra.model.nn.VectorKernels.matmul;

/**
 * {@link WindowForward}'s arithmetic in plain Java on the JDK's Vector API: no native call, no allocation but the
 * result, weights and each thread's scratch in {@code float[]} (about 1 MB of weights at the default size). The convolutions are matrix
 * products over the zero-padded input read in place (the {@code kernel} rows starting at step {@code t} lie next to
 * each other in a row-major {@code [time × channels]} buffer); attention is per head, scores and values by the same
 * product. GELU uses an erf with |error| ≤ 1.5e-7, so results agree with PyTorch's up to float rounding
 * ({@code VectorForwardTest}).
 *
 * <p>Needs the {@code jdk.incubator.vector} module ({@code --add-modules jdk.incubator.vector}, which the {@code tatra}
 * launcher and the tests pass); without it {@link #available()} is false and callers keep {@link WindowForward}.
 * {@code -Dtatra.forward=djl} turns it off (to compare the two in one build).
 *
 * <p>Safe for several threads at once (the live engine's warming thread beside its decision thread): weights are read
 * only, and each thread has its own scratch and kept convolutions.
 */
public final class VectorForward implements WindowPass {
    private static final float LN_EPS = 1e-5f;
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"djl".equals(System.getProperty("tatra.forward"));

    private final EncoderConfig config;
    private final int heads, outputs, hidden, convChannels;
    private final SlidingConvolutions convolutions;
    private final float[] projectW, positionBias;
    private final List<float[][]> blocks = new ArrayList<>();
    private final float[] finalGamma, finalBeta, poolW, poolB;
    private final float[] headW1, headB1, headW2, headB2; // hidden = 0: headW1/headB1 are the only layer
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(this::newScratch);

    /**
     * One thread's buffers, reused by its every call, and its kept convolutions (a warming thread keeps its own). Static,
     * with no way back to this instance: a thread's entry must not keep alive the forward pass (and the thread-local)
     * it belongs to, or each model a long session swaps in would stay in its threads' maps.
     */
    private static final class Scratch {
        final SlidingConvolutions.State convolutions;
        final float[] tokens, normed, qkv, keysT, scores, inverseSums, attended, residual, ffn, pooled, representation, headHidden, out;

        Scratch(EncoderConfig config, int hidden, int outputs, SlidingConvolutions.State convolutions) {
            this.convolutions = convolutions;
            int t = config.window(), d = config.modelDim();
            tokens = buffer(t * d);
            normed = buffer(t * d);
            qkv = buffer(t * 3 * d);
            keysT = buffer(t * d);
            scores = buffer(t * t);
            inverseSums = buffer(t);
            attended = buffer(t * d);
            residual = buffer(t * d);
            ffn = buffer(t * config.ffnDim());
            pooled = buffer(config.pooledWidth());
            representation = buffer(config.embedding());
            headHidden = buffer(Math.max(hidden, 1));
            out = buffer(outputs);
        }
    }

    private Scratch newScratch() { return new Scratch(config, hidden, outputs, convolutions.state()); }

    private VectorForward(WindowForward wf) {
        config = wf.config();
        heads = wf.attentionHeads();
        int t = config.window(), in = config.features();
        List<float[]> convW = new ArrayList<>(), convB = new ArrayList<>();
        List<Integer> channels = new ArrayList<>();
        for (NDArray[] c : wf.convs()) {
            int cout = (int) c[0].getShape().get(0), k = (int) c[0].getShape().get(2);
            float[] src = c[0].toFloatArray(), w = buffer(src.length);
            for (int co = 0; co < cout; co++)               // [cout, cin, k] → [k, cin, cout]
                for (int ci = 0; ci < in; ci++)
                    for (int kk = 0; kk < k; kk++) w[(kk * in + ci) * cout + co] = src[(co * in + ci) * k + kk];
            convW.add(w);
            convB.add(values(c[1]));
            channels.add(cout);
            in = cout;
        }
        convolutions = new SlidingConvolutions(t, config.features(), config.convKernel(), convW, convB, channels);
        convChannels = in;
        projectW = transposed(wf.project());
        positionBias = values(wf.positionBias());
        for (NDArray[] b : wf.blocks()) {
            float[][] w = new float[b.length][];
            for (int i = 0; i < b.length; i++) w[i] = b[i].getShape().dimension() == 2 ? transposed(b[i]) : values(b[i]);
            blocks.add(w);
        }
        finalGamma = values(wf.finalNorm()[0]);
        finalBeta = values(wf.finalNorm()[1]);
        poolW = transposed(wf.pool()[0]);
        poolB = values(wf.pool()[1]);
        NDArray[] h = wf.heads();
        headW1 = transposed(h[0]);
        headB1 = values(h[1]);
        headW2 = h.length == 4 ? transposed(h[2]) : null;
        headB2 = h.length == 4 ? values(h[3]) : null;
        hidden = h.length == 4 ? (int) h[0].getShape().get(0) : 0;
        outputs = wf.outputs();
    }

    /** Whether the Vector API is there (and not turned off by {@code -Dtatra.forward=djl}). */
    public static boolean available() { return AVAILABLE; }

    /** The same forward as {@code wf}, weights copied out of it (it may be closed afterwards). */
    public static VectorForward of(WindowForward wf) {
        if (!AVAILABLE) throw new IllegalStateException("the Vector API is not available: run with --add-modules jdk.incubator.vector");
        return new VectorForward(wf);
    }

    @Override public int outputs() { return outputs; }

    /** This thread's calls whose convolutions shifted a kept window's (a symbol's next bar), and those computed in full. */
    public long[] convolutionCounts() { return scratch.get().convolutions.counts(); }

    @Override
    public float[] forward(float[] window) {
        int t = config.window(), f = config.features(), d = config.modelDim(), in = convChannels;
        if (window.length != t * f) throw new IllegalArgumentException("a window is " + t + " × " + f + " values, got " + window.length);
        Scratch s = scratch.get();
        float[] x = convolutions.apply(s.convolutions, window);
        matmul(x, 0, in, t, in, projectW, 0, d, d, null, positionBias, s.tokens, 0, d);
        for (float[][] w : blocks) block(s, w);
        layerNorm(s.tokens, t, d, finalGamma, finalBeta, LN_EPS, s.normed);
        poolOver(s, window);
        int e = config.embedding(), pw = config.pooledWidth();
        matmul(s.pooled, 0, pw, 1, pw, poolW, 0, e, e, poolB, null, s.representation, 0, e);
        if (hidden == 0) {
            matmul(s.representation, 0, e, 1, e, headW1, 0, outputs, outputs, headB1, null, s.out, 0, outputs);
        } else {
            matmul(s.representation, 0, e, 1, e, headW1, 0, hidden, hidden, headB1, null, s.headHidden, 0, hidden);
            gelu(s.headHidden, hidden);
            matmul(s.headHidden, 0, hidden, 1, hidden, headW2, 0, outputs, outputs, headB2, null, s.out, 0, outputs);
        }
        return java.util.Arrays.copyOf(s.out, outputs);
    }

    /** A pre-norm transformer block on the tokens in place; weights as {@link WindowForward}'s, matrices transposed. */
    private void block(Scratch s, float[][] w) {
        int t = config.window(), d = config.modelDim(), dh = d / heads, ff = config.ffnDim(), d3 = 3 * d;
        float[] qkv = s.qkv, keysT = s.keysT;
        layerNorm(s.tokens, t, d, w[0], w[1], LN_EPS, s.normed);
        matmul(s.normed, 0, d, t, d, w[2], 0, d3, d3, w[3], null, qkv, 0, d3);  // queries already scaled by 1/√dh
        for (int h = 0; h < heads; h++) {
            for (int r = 0; r < t; r++)                                          // this head's keys, transposed: [dh × time]
                for (int c = 0; c < dh; c++) keysT[c * t + r] = qkv[r * d3 + d + h * dh + c];
            matmul(qkv, h * dh, d3, t, dh, keysT, 0, t, t, null, null, s.scores, 0, t);
            VectorKernels.softmaxRows(s.scores, t, t, s.inverseSums);
            matmul(s.scores, 0, t, t, t, qkv, 2 * d + h * dh, d3, dh, null, null, s.attended, h * dh, d);
            VectorKernels.scaleRows(s.attended, h * dh, d, t, dh, s.inverseSums);
        }
        matmul(s.attended, 0, d, t, d, w[4], 0, d, d, w[5], null, s.residual, 0, d);
        addInPlace(s.tokens, s.residual, t * d);
        layerNorm(s.tokens, t, d, w[6], w[7], LN_EPS, s.normed);
        matmul(s.normed, 0, d, t, d, w[8], 0, ff, ff, w[9], null, s.ffn, 0, ff);
        gelu(s.ffn, t * ff);
        matmul(s.ffn, 0, ff, t, ff, w[10], 0, d, d, w[11], null, s.residual, 0, d);
        addInPlace(s.tokens, s.residual, t * d);
    }

    /** Mean and max over time of the final-normed tokens, then (with the last-step path) the last token and the last raw inputs. */
    private void poolOver(Scratch s, float[] window) {
        int t = config.window(), d = config.modelDim(), f = config.features();
        VectorKernels.columnMeanMax(s.normed, t, d, s.pooled, 0, d);
        if (config.lastStep()) {
            System.arraycopy(s.normed, (t - 1) * d, s.pooled, 2 * d, d);
            System.arraycopy(window, (t - 1) * f, s.pooled, 3 * d, f);
        }
    }

    /** A scratch buffer of {@code n} values and one register of slack (a masked load near its end stays on the fast path). */
    private static float[] buffer(int n) { return new float[n + VectorKernels.L]; }

    private static float[] values(NDArray a) { return slack(a.toFloatArray()); }

    private static float[] slack(float[] a) { return java.util.Arrays.copyOf(a, a.length + VectorKernels.L); }

    /** A {@code [out × in]} weight (DJL's layout) as {@code [in × out]}, the layout {@link VectorKernels#matmul} reads. */
    private static float[] transposed(NDArray w) {
        int rows = (int) w.getShape().get(0), cols = (int) w.getShape().get(1);
        float[] src = w.toFloatArray(), dst = buffer(src.length);
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) dst[c * rows + r] = src[r * cols + c];
        return dst;
    }

    @Override
    public void close() {}
}
