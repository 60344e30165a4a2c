package io.tatra.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Multi-head scaled dot-product self-attention over {@code [batch × time × dim]}; no mask (the whole window is past). */
public final class SelfAttention extends AbstractBlock {
    private final int heads, dim;
    private final Linear qkv, out;

    public SelfAttention(int dim, int heads) {
        this.dim = dim;
        this.heads = heads;
        qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * dim).build());
        out = addChildBlock("out", Linear.builder().setUnits(dim).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long b = x.getShape().get(0), t = x.getShape().get(1);
        int dh = dim / heads;
        NDArray z = qkv.forward(ps, new NDList(x), training).singletonOrThrow()
                .reshape(b, t, 3, heads, dh).transpose(2, 0, 3, 1, 4);          // [3, b, h, t, dh]
        NDArray q = z.get(0), k = z.get(1), v = z.get(2);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(Scalar.of(x, Math.sqrt(dh)));
        NDArray attended = scores.softmax(-1).matMul(v)                          // [b, h, t, dh]
                .transpose(0, 2, 1, 3).reshape(b, t, dim);
        return out.forward(ps, new NDList(attended), training);
    }

    int heads() { return heads; }
    Linear qkv() { return qkv; }
    Linear out() { return out; }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) { return inputShapes; }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        qkv.initialize(manager, dataType, inputShapes[0]);
        out.initialize(manager, dataType, inputShapes[0]);
    }
}
