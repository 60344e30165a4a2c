package io.tatra.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;

/**
 * The universal encoder: {@code [batch × window × features]} → 1-D convolutions (local patterns, GELU) →
 * projection to {@code modelDim} plus a learned position embedding → pre-norm self-attention blocks (or, with
 * {@link EncoderKind#LSTM}, a unidirectional LSTM over the raw window instead of all three) → final
 * LayerNorm → mean and max pooling over time (with {@link EncoderConfig#lastStep}: beside the last step's token and
 * raw inputs) → linear map to the representation.
 *
 * <p>Forward returns {@code (representation [batch × embedding], sequence [batch × window × modelDim])}; the
 * sequence output serves masked-step reconstruction during pre-training.
 */
public final class UniversalEncoder extends AbstractBlock {
    private final EncoderConfig config;
    private final List<Conv1d> convs = new ArrayList<>();
    private final Linear project;
    private final Parameter position;
    private final List<AttentionBlock> blocks = new ArrayList<>();
    private final LayerNorm finalNorm;
    private final Linear pool;
    private final LSTM lstm;

    public UniversalEncoder(EncoderConfig config) {
        this.config = config;
        if (config.kind() == EncoderKind.LSTM) {
            lstm = addChildBlock("lstm", LSTM.builder().setStateSize(config.modelDim()).setNumLayers(config.attentionLayers())
                    .optDropRate(config.dropout()).optBatchFirst(true).optReturnState(false).build());
            project = null;
            position = null;
            finalNorm = addChildBlock("norm", LayerNorm.builder().axis(2).build());
            pool = addChildBlock("pool", Linear.builder().setUnits(config.embedding()).build());
            return;
        }
        lstm = null;
        for (int i = 0; i < config.convLayers(); i++)
            convs.add(addChildBlock("conv" + i, Conv1d.builder().setKernelShape(new Shape(config.convKernel()))
                    .optPadding(new Shape(config.convKernel() / 2)).setFilters(config.convChannels()).build()));
        project = addChildBlock("project", Linear.builder().setUnits(config.modelDim()).build());
        position = addParameter(Parameter.builder().setName("position").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.window(), config.modelDim())).build());
        for (int i = 0; i < config.attentionLayers(); i++)
            blocks.add(addChildBlock("attention" + i, new AttentionBlock(config.modelDim(), config.attentionHeads(),
                    config.ffnDim(), config.dropout())));
        finalNorm = addChildBlock("norm", LayerNorm.builder().axis(2).build());
        pool = addChildBlock("pool", Linear.builder().setUnits(config.embedding()).build());
    }

    public EncoderConfig config() { return config; }

    List<Conv1d> convs() { return convs; }
    Linear project() { return project; }
    Parameter position() { return position; }
    List<AttentionBlock> blocks() { return blocks; }
    LayerNorm finalNorm() { return finalNorm; }
    Linear pool() { return pool; }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (x.getShape().dimension() != 3 || x.getShape().get(1) != config.window() || x.getShape().get(2) != config.features())
            throw new IllegalArgumentException("encoder input must be [batch × " + config.window() + " × " + config.features()
                    + "], got " + x.getShape());
        NDList seq;
        if (lstm != null) {
            // a fresh list: DJL's LSTM appends its zero initial states to the list it is given
            seq = new NDList(lstm.forward(ps, new NDList(x), training).get(0));
        } else {
            NDArray h = x.transpose(0, 2, 1);                               // [b, features, time]
            for (Conv1d conv : convs) h = Activation.gelu(conv.forward(ps, new NDList(h), training).singletonOrThrow());
            h = project.forward(ps, new NDList(h.transpose(0, 2, 1)), training).singletonOrThrow();
            h = h.add(ps.getValue(position, h.getDevice(), training));
            seq = new NDList(h);
            for (AttentionBlock b : blocks) seq = b.forward(ps, seq, training);
        }
        NDArray sequence = finalNorm.forward(ps, seq, training).singletonOrThrow();
        NDList parts = new NDList(sequence.mean(new int[]{1}), sequence.max(new int[]{1}));
        if (config.lastStep()) { // the bar being decided on, as a token and as its raw inputs (a linear skip)
            parts.add(sequence.get(":, -1, :"));
            parts.add(x.get(":, -1, :"));
        }
        NDArray pooled = NDArrays.concat(parts, 1);
        NDArray representation = pool.forward(ps, new NDList(pooled), training).singletonOrThrow();
        return new NDList(representation, sequence);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        return new Shape[]{new Shape(b, config.embedding()), new Shape(b, config.window(), config.modelDim())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        Shape model = new Shape(b, config.window(), config.modelDim());
        if (lstm != null) {
            lstm.initialize(manager, dataType, new Shape(b, config.window(), config.features()));
            finalNorm.initialize(manager, dataType, model);
            pool.initialize(manager, dataType, new Shape(b, config.pooledWidth()));
            return;
        }
        Shape s = new Shape(b, config.features(), config.window());
        for (Conv1d conv : convs) {
            conv.initialize(manager, dataType, s);
            s = conv.getOutputShapes(new Shape[]{s})[0];
        }
        Shape seq = new Shape(b, config.window(), s.get(1));
        project.initialize(manager, dataType, seq);
        for (AttentionBlock block : blocks) block.initialize(manager, dataType, model);
        finalNorm.initialize(manager, dataType, model);
        pool.initialize(manager, dataType, new Shape(b, config.pooledWidth()));
    }
}
