package io.tatra.ppo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.tatra.model.nn.Torch;
import io.tatra.model.train.Autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The policy and the value function: two separate MLPs of two tanh layers each, as in the references. The policy is
 * one categorical per action component (the actor's outputs split into {@link #dims()} groups), independent given the
 * observation: an action's log-probability is the sum of its components', and so is the entropy.
 */
public final class ActorCritic implements AutoCloseable {
    private final NDManager manager;
    private final ParameterStore store;
    private final SequentialBlock actor, critic;
    private final int width, actions;
    private final int[] dims;

    private ActorCritic(int width, int[] dims, int hidden, long seed) {
        this.width = width;
        this.dims = dims.clone();
        int sum = 0;
        for (int d : dims) sum += d;
        this.actions = sum;
        this.manager = NDManager.newBaseManager("PyTorch");
        this.store = new ParameterStore(manager, false);
        Torch.seed(seed);
        actor = mlp(hidden, actions);
        actor.initialize(manager, DataType.FLOAT32, new Shape(1, width));
        critic = mlp(hidden, 1);
        critic.initialize(manager, DataType.FLOAT32, new Shape(1, width));
        for (Parameter p : parameters()) p.getArray().setRequiresGradient(true);
    }

    /** A policy over one categorical of {@code actions} choices. */
    public static ActorCritic create(int width, int actions, int hidden, long seed) { return create(width, new int[]{actions}, hidden, seed); }

    /** A policy over independent categoricals of {@code dims[k]} choices each. */
    public static ActorCritic create(int width, int[] dims, int hidden, long seed) {
        if (width < 1 || dims.length < 1) throw new IllegalArgumentException("an observation needs >= 1 value and an action >= 1 component");
        for (int d : dims) if (d < 2) throw new IllegalArgumentException("every action component needs >= 2 choices, got " + d);
        return new ActorCritic(width, dims, hidden, seed);
    }

    private static SequentialBlock mlp(int hidden, int out) {
        return new SequentialBlock().add(Linear.builder().setUnits(hidden).build()).add(Activation.tanhBlock())
                .add(Linear.builder().setUnits(hidden).build()).add(Activation.tanhBlock()).add(Linear.builder().setUnits(out).build());
    }

    public int width() { return width; }

    /** Outputs of the actor: the sum of the components' choices. */
    public int actions() { return actions; }

    /** The choices of each action component. */
    public int[] dims() { return dims.clone(); }

    NDManager manager() { return manager; }

    /** Every trainable parameter, the actor's then the critic's. */
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (Pair<String, Parameter> p : actor.getParameters()) out.add(p.getValue());
        for (Pair<String, Parameter> p : critic.getParameters()) out.add(p.getValue());
        return out;
    }

    /** Log-probabilities [n × actions] (each component's group normalized on its own) of a batch of logits. */
    NDArray logProbabilities(NDArray logits) {
        if (dims.length == 1) return logits.logSoftmax(1);
        NDList parts = new NDList();
        int from = 0;
        for (int d : dims) {
            parts.add(logits.get(":, " + from + ":" + (from + d)).logSoftmax(1));
            from += d;
        }
        return NDArrays.concat(parts, 1);
    }

    /** Logits [n × actions] and values [n] of a batch of observations. */
    NDList forward(NDArray x, boolean training) {
        NDArray logits = actor.forward(store, new NDList(x), training).singletonOrThrow();
        NDArray v = critic.forward(store, new NDList(x), training).singletonOrThrow();
        return new NDList(logits, v.reshape(x.getShape().get(0)));
    }

    /** The action probabilities and value of one observation. */
    public Evaluation evaluate(double[] obs) {
        if (obs.length != width) throw new IllegalArgumentException("observation of " + obs.length + " values, expected " + width);
        float[] f = new float[width];
        for (int i = 0; i < width; i++) f[i] = (float) obs[i];
        try (NDManager sub = manager.newSubManager()) {
            NDList out = forward(sub.create(f, new Shape(1, width)), false);
            float[] logits = out.get(0).toFloatArray();
            double[][] p = new double[dims.length][];
            int from = 0;
            for (int k = 0; k < dims.length; k++) {
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int a = 0; a < dims[k]; a++) max = Math.max(max, logits[from + a]);
                p[k] = new double[dims[k]];
                for (int a = 0; a < dims[k]; a++) sum += p[k][a] = Math.exp(logits[from + a] - max);
                for (int a = 0; a < dims[k]; a++) p[k][a] /= sum;
                from += dims[k];
            }
            return new Evaluation(p, out.get(1).getFloat(0));
        }
    }

    /** An observation's action probabilities (per component) and value estimate. */
    public record Evaluation(double[][] probabilities, double value) {
        /** A sampled action, a choice per component (seeded by the caller's generator). */
        public int[] sample(Random r) {
            int[] out = new int[probabilities.length];
            for (int k = 0; k < probabilities.length; k++) {
                double[] p = probabilities[k];
                double u = r.nextDouble(), c = 0;
                out[k] = p.length - 1;
                for (int a = 0; a < p.length; a++) if (u < (c += p[a])) {
                    out[k] = a;
                    break;
                }
            }
            return out;
        }

        /** The most probable choice of each component (the lowest index on a tie). */
        public int[] greedy() {
            int[] out = new int[probabilities.length];
            for (int k = 0; k < probabilities.length; k++) {
                double[] p = probabilities[k];
                for (int a = 1; a < p.length; a++) if (p[a] > p[out[k]]) out[k] = a;
            }
            return out;
        }

        /** The log-probability of {@code action}: the sum over its components. */
        public double logProbability(int[] action) {
            double s = 0;
            for (int k = 0; k < probabilities.length; k++) s += Math.log(Math.max(probabilities[k][action[k]], 1e-12));
            return s;
        }
    }

    /** The weights, flattened (tests compare two trainings; a checkpoint). */
    public float[] weights() {
        List<float[]> parts = new ArrayList<>();
        int n = 0;
        for (Parameter p : parameters()) {
            float[] v = p.getArray().toFloatArray();
            parts.add(v);
            n += v.length;
        }
        float[] out = new float[n];
        int off = 0;
        for (float[] v : parts) {
            System.arraycopy(v, 0, out, off, v.length);
            off += v.length;
        }
        return out;
    }

    /** Sets every weight from {@link #weights()}'s layout (a saved policy); refuses a count that does not fit this shape. */
    void load(float[] w) {
        List<Parameter> ps = parameters();
        long n = 0;
        for (Parameter p : ps) n += p.getArray().size();
        if (n != w.length) throw new IllegalArgumentException(w.length + " weights for a policy of " + n);
        int off = 0;
        for (Parameter p : ps) {
            NDArray a = p.getArray();
            int size = (int) a.size();
            try (NDArray v = a.getManager().create(java.util.Arrays.copyOfRange(w, off, off + size), a.getShape())) {
                a.setRequiresGradient(false);
                a.set(v.toByteBuffer());
                a.setRequiresGradient(true);
            }
            off += size;
        }
    }

    void zeroGradients() { Autograd.zero(parameters()); }

    @Override
    public void close() { manager.close(); }
}
