package io.tatra.ppo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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

/** The policy (categorical over actions) and the value function: two separate MLPs of two tanh layers each, as in the references. */
public final class ActorCritic implements AutoCloseable {
    private final NDManager manager;
    private final ParameterStore store;
    private final SequentialBlock actor, critic;
    private final int width, actions;

    private ActorCritic(int width, int actions, int hidden, long seed) {
        this.width = width;
        this.actions = actions;
        this.manager = NDManager.newBaseManager("PyTorch");
        this.store = new ParameterStore(manager, false);
        Torch.seed(seed);
        actor = mlp(hidden, actions);
        actor.initialize(manager, DataType.FLOAT32, new Shape(1, width));
        critic = mlp(hidden, 1);
        critic.initialize(manager, DataType.FLOAT32, new Shape(1, width));
        for (Parameter p : parameters()) p.getArray().setRequiresGradient(true);
    }

    public static ActorCritic create(int width, int actions, int hidden, long seed) {
        if (width < 1 || actions < 2) throw new IllegalArgumentException("an observation needs >= 1 value and a policy >= 2 actions");
        return new ActorCritic(width, actions, hidden, seed);
    }

    private static SequentialBlock mlp(int hidden, int out) {
        return new SequentialBlock().add(Linear.builder().setUnits(hidden).build()).add(Activation.tanhBlock())
                .add(Linear.builder().setUnits(hidden).build()).add(Activation.tanhBlock()).add(Linear.builder().setUnits(out).build());
    }

    public int width() { return width; }

    public int actions() { return actions; }

    NDManager manager() { return manager; }

    /** Every trainable parameter, the actor's then the critic's. */
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (Pair<String, Parameter> p : actor.getParameters()) out.add(p.getValue());
        for (Pair<String, Parameter> p : critic.getParameters()) out.add(p.getValue());
        return out;
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
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (float l : logits) max = Math.max(max, l);
            double[] p = new double[actions];
            for (int a = 0; a < actions; a++) sum += p[a] = Math.exp(logits[a] - max);
            for (int a = 0; a < actions; a++) p[a] /= sum;
            return new Evaluation(p, out.get(1).getFloat(0));
        }
    }

    /** An observation's action probabilities and value estimate. */
    public record Evaluation(double[] probabilities, double value) {
        /** A sampled action (seeded by the caller's generator). */
        public int sample(Random r) {
            double u = r.nextDouble(), c = 0;
            for (int a = 0; a < probabilities.length; a++) if (u < (c += probabilities[a])) return a;
            return probabilities.length - 1;
        }

        /** The most probable action (the lowest index on a tie). */
        public int greedy() {
            int best = 0;
            for (int a = 1; a < probabilities.length; a++) if (probabilities[a] > probabilities[best]) best = a;
            return best;
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

    void zeroGradients() { Autograd.zero(parameters()); }

    @Override
    public void close() { manager.close(); }
}
