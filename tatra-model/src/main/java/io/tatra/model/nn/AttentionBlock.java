package io.tatra.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A pre-norm transformer block: {@code x + attn(LN(x))}, then {@code x + ffn(LN(x))}, with LayerNorm over the
 * feature axis (axis 2). DJL's own TransformerEncoderBlock normalizes with BatchNorm, hence this block.
 */
public final class AttentionBlock extends AbstractBlock {
    private final LayerNorm norm1, norm2;
    private final SelfAttention attention;
    private final Linear ffn1, ffn2;
    private final Dropout dropout;

    public AttentionBlock(int dim, int heads, int ffnDim, float dropoutRate) {
        norm1 = addChildBlock("norm1", LayerNorm.builder().axis(2).build());
        attention = addChildBlock("attention", new SelfAttention(dim, heads));
        norm2 = addChildBlock("norm2", LayerNorm.builder().axis(2).build());
        ffn1 = addChildBlock("ffn1", Linear.builder().setUnits(ffnDim).build());
        ffn2 = addChildBlock("ffn2", Linear.builder().setUnits(dim).build());
        dropout = addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray a = attention.forward(ps, norm1.forward(ps, new NDList(x), training), training).singletonOrThrow();
        x = x.add(dropout.forward(ps, new NDList(a), training).singletonOrThrow());
        NDArray f = ffn1.forward(ps, norm2.forward(ps, new NDList(x), training), training).singletonOrThrow();
        f = ffn2.forward(ps, new NDList(Activation.gelu(f)), training).singletonOrThrow();
        return new NDList(x.add(dropout.forward(ps, new NDList(f), training).singletonOrThrow()));
    }

    LayerNorm norm1() { return norm1; }
    LayerNorm norm2() { return norm2; }
    SelfAttention attention() { return attention; }
    Linear ffn1() { return ffn1; }
    Linear ffn2() { return ffn2; }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) { return inputShapes; }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        norm1.initialize(manager, dataType, s);
        attention.initialize(manager, dataType, s);
        norm2.initialize(manager, dataType, s);
        ffn1.initialize(manager, dataType, s);
        ffn2.initialize(manager, dataType, ffn1.getOutputShapes(new Shape[]{s})[0]);
        dropout.initialize(manager, dataType, s);
    }
}
