package io.tatra.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

import java.util.ArrayList;
import java.util.List;

/**
 * The attention encoder and its heads for one window at a time, as the live engine calls them on every closed bar:
 * the same arithmetic as {@link UniversalEncoder#forward} followed by each head, in fewer native calls. The batch
 * dimension is dropped (tokens are a {@code [window × modelDim]} matrix, so each linear layer is one {@code addmm});
 * the projection's bias is folded into the position embedding and the attention's {@code 1/√d} into the query weights;
 * dropout (identity at inference) is skipped; the heads run as one linear layer over the representation, one GELU and
 * one block-diagonal linear layer, read back with a single copy. Results equal the training graph's up to float
 * rounding ({@code WindowForwardTest}); decisions do not depend on which of the two computed a forecast.
 *
 * <p>The weights are copied at construction (about 1 MB at the default size): a model trained further afterwards needs
 * a new instance. Calls may come from several threads at once: each runs on its own sub-manager.
 */
public final class WindowForward implements WindowPass {
    private static final float LN_EPS = 1e-5f;

    private final NDManager manager;
    private final EncoderConfig config;
    private final List<NDArray[]> convs = new ArrayList<>();
    private final NDArray project, positionBias;
    private final List<NDArray[]> blocks = new ArrayList<>();
    private final NDArray[] finalNorm;
    private final NDArray[] pool;
    private final NDArray[] heads; // hidden > 0: {w1, b1, w2 (block-diagonal), b2}; hidden = 0: {w, b}
    private final int outputs, attentionHeads;

    private WindowForward(NDManager manager, UniversalEncoder encoder, List<SequentialBlock> headBlocks) {
        this.manager = manager;
        this.config = encoder.config();
        for (Conv1d c : encoder.convs()) convs.add(new NDArray[]{copy(c, "weight"), copy(c, "bias")});
        project = copy(encoder.project(), "weight");
        // position + projection bias: one [window × modelDim] bias for the projection's addmm
        positionBias = own(own(encoder.position().getArray().stopGradient()).add(param(encoder.project(), "bias")));
        attentionHeads = encoder.blocks().isEmpty() ? 1 : encoder.blocks().get(0).attention().heads();
        double scale = 1 / Math.sqrt((double) config.modelDim() / attentionHeads);
        for (AttentionBlock b : encoder.blocks()) {
            SelfAttention a = b.attention();
            // rows [0, d) of the qkv map make the queries: scaled by 1/√d_head here instead of the scores at every call
            NDArray rowScale = manager.ones(new Shape(3L * config.modelDim()));
            rowScale.set(new ai.djl.ndarray.index.NDIndex("0:" + config.modelDim()), (float) scale);
            NDArray w = own(param(a.qkv(), "weight").mul(rowScale.reshape(3L * config.modelDim(), 1))), bias = own(param(a.qkv(), "bias").mul(rowScale));
            blocks.add(new NDArray[]{copy(b.norm1(), "gamma"), copy(b.norm1(), "beta"), w, bias, copy(a.out(), "weight"), copy(a.out(), "bias"),
                    copy(b.norm2(), "gamma"), copy(b.norm2(), "beta"), copy(b.ffn1(), "weight"), copy(b.ffn1(), "bias"),
                    copy(b.ffn2(), "weight"), copy(b.ffn2(), "bias")});
        }
        finalNorm = new NDArray[]{copy(encoder.finalNorm(), "gamma"), copy(encoder.finalNorm(), "beta")};
        pool = new NDArray[]{copy(encoder.pool(), "weight"), copy(encoder.pool(), "bias")};
        heads = fuse(headBlocks);
        outputs = (int) heads[heads.length - 1].getShape().get(0);
    }

    /**
     * The fast path for {@code encoder} and {@code heads} (in output order), on a sub-manager of {@code manager}; null
     * when the encoder is not the attention kind (the LSTM runs through its block) or a head is not one or two linear
     * layers.
     */
    public static WindowForward of(NDManager manager, UniversalEncoder encoder, List<SequentialBlock> heads) {
        if (encoder.config().kind() != EncoderKind.ATTENTION || heads.isEmpty()) return null;
        java.util.Set<Integer> layers = new java.util.HashSet<>();
        for (SequentialBlock h : heads) {
            List<Linear> l = linears(h);
            if (l == null) return null;
            layers.add(l.size());
        }
        if (layers.size() != 1) return null; // heads of one and two layers: not one fused map
        NDManager sub = manager.newSubManager();
        try {
            return new WindowForward(sub, encoder, heads);
        } catch (RuntimeException e) {
            sub.close();
            throw e;
        }
    }

    @Override public int outputs() { return outputs; }

    // the prepared weights, for VectorForward to copy
    EncoderConfig config() { return config; }
    int attentionHeads() { return attentionHeads; }
    List<NDArray[]> convs() { return convs; }
    NDArray project() { return project; }
    NDArray positionBias() { return positionBias; }
    List<NDArray[]> blocks() { return blocks; }
    NDArray[] finalNorm() { return finalNorm; }
    NDArray[] pool() { return pool; }
    NDArray[] heads() { return heads; }

    @Override
    public float[] forward(float[] window) {
        int t = config.window(), f = config.features();
        if (window.length != t * f) throw new IllegalArgumentException("a window is " + t + " × " + f + " values, got " + window.length);
        try (NDManager call = manager.newSubManager()) {
            NDArray x = call.create(window, new Shape(t, f));
            NDArray h = x.transpose(1, 0).expandDims(0);                        // [1, features, time]
            int pad = config.convKernel() / 2;
            for (NDArray[] c : convs)
                h = Activation.gelu(Conv1d.conv1d(h, c[0], c[1], new Shape(1), new Shape(pad), new Shape(1), 1).singletonOrThrow());
            NDArray tokens = Linear.linear(h.get(0).transpose(1, 0), project, positionBias).singletonOrThrow(); // [time, modelDim]
            for (NDArray[] b : blocks) tokens = block(tokens, b);
            NDArray seq = LayerNorm.layerNorm(tokens, new Shape(config.modelDim()), finalNorm[0], finalNorm[1], LN_EPS).singletonOrThrow();
            NDList parts = new NDList(seq.mean(new int[]{0}), seq.max(new int[]{0}));
            if (config.lastStep()) {
                parts.add(seq.get(t - 1));
                parts.add(x.get(t - 1));
            }
            NDArray rep = Linear.linear(NDArrays.concat(parts, 0).expandDims(0), pool[0], pool[1]).singletonOrThrow();
            NDArray out = heads.length == 2 ? Linear.linear(rep, heads[0], heads[1]).singletonOrThrow()
                    : Linear.linear(Activation.gelu(Linear.linear(rep, heads[0], heads[1]).singletonOrThrow()), heads[2], heads[3]).singletonOrThrow();
            return out.toFloatArray();
        }
    }

    /** A pre-norm transformer block on {@code [time × modelDim]} tokens (see {@link AttentionBlock}, {@link SelfAttention}). */
    private NDArray block(NDArray x, NDArray[] w) {
        long t = x.getShape().get(0);
        int d = config.modelDim(), dh = d / attentionHeads;
        Shape norm = new Shape(d);
        NDArray z = Linear.linear(LayerNorm.layerNorm(x, norm, w[0], w[1], LN_EPS).singletonOrThrow(), w[2], w[3]).singletonOrThrow()
                .reshape(t, 3, attentionHeads, dh).transpose(1, 2, 0, 3);           // [3, heads, time, dh]
        NDArray q = z.get(0), k = z.get(1), v = z.get(2);
        NDArray attended = q.matMul(k.transpose(0, 2, 1)).softmax(-1).matMul(v)   // [heads, time, dh]
                .transpose(1, 0, 2).reshape(t, d);
        x = x.add(Linear.linear(attended, w[4], w[5]).singletonOrThrow());
        NDArray f = Linear.linear(LayerNorm.layerNorm(x, norm, w[6], w[7], LN_EPS).singletonOrThrow(), w[8], w[9]).singletonOrThrow();
        return x.add(Linear.linear(Activation.gelu(f), w[10], w[11]).singletonOrThrow());
    }

    /** The heads as one map: first layers stacked, second layers block-diagonal, biases concatenated. */
    private NDArray[] fuse(List<SequentialBlock> headBlocks) {
        List<List<Linear>> ls = new ArrayList<>();
        for (SequentialBlock h : headBlocks) ls.add(linears(h));
        if (ls.get(0).size() == 1) return new NDArray[]{stack(ls, 0, "weight"), stack(ls, 0, "bias")};
        NDArray w1 = stack(ls, 0, "weight"), b1 = stack(ls, 0, "bias"), b2 = stack(ls, 1, "bias");
        long hidden = 0, outs = 0;
        for (List<Linear> l : ls) {
            hidden += param(l.get(1), "weight").getShape().get(1);
            outs += param(l.get(1), "weight").getShape().get(0);
        }
        NDArray w2 = manager.zeros(new Shape(outs, hidden));
        long row = 0, col = 0;
        for (List<Linear> l : ls) {
            NDArray w = param(l.get(1), "weight");
            long r = w.getShape().get(0), c = w.getShape().get(1);
            w2.set(new ai.djl.ndarray.index.NDIndex(row + ":" + (row + r) + ", " + col + ":" + (col + c)), w);
            row += r;
            col += c;
        }
        return new NDArray[]{w1, b1, w2, b2};
    }

    private NDArray stack(List<List<Linear>> ls, int layer, String name) {
        NDList parts = new NDList();
        for (List<Linear> l : ls) parts.add(param(l.get(layer), name));
        return own(NDArrays.concat(parts, 0));
    }

    /** A head's linear layers in order, or null when it holds anything but linear layers and GELU between them. */
    private static List<Linear> linears(SequentialBlock head) {
        List<Linear> out = new ArrayList<>();
        List<Block> blocks = head.getChildren().values();
        for (Block b : blocks) if (b instanceof Linear l) out.add(l);
        boolean ok = out.size() == 1 && blocks.size() == 1 || out.size() == 2 && blocks.size() == 3 && blocks.get(0) instanceof Linear && blocks.get(2) instanceof Linear;
        return ok ? out : null;
    }

    /** A parameter's value, detached from autograd (sharing its storage), on this instance's manager. */
    private NDArray param(Block b, String name) {
        Parameter p = b.getParameters().get(name);
        if (p == null || p.getArray() == null) throw new IllegalStateException("block " + b + " has no initialized '" + name + "'");
        return own(p.getArray().stopGradient());
    }

    private NDArray copy(Block b, String name) { return own(param(b, name).duplicate()); }

    private NDArray own(NDArray a) {
        a.attach(manager);
        return a;
    }

    @Override
    public void close() { manager.close(); }
}
