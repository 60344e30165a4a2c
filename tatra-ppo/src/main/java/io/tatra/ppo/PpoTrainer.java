package io.tatra.ppo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.tatra.model.nn.Scalar;
import io.tatra.model.train.Autograd;
import io.tatra.model.train.OptimStep;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * PPO with the clipped surrogate objective (Schulman et al. 2017) as the reference implementations run it: rollouts of
 * {@link PpoConfig#rolloutSteps} transitions, GAE(γ, λ) advantages normalized per minibatch, the loss
 * {@code −min(r·A, clip(r, 1 ± ε)·A) + c_v·½(V − R)² − c_e·H}, global-norm gradient clipping and Adam with ε 1e-5.
 * Seeded: the weights' initialization, the action sampling and the minibatch order all come from {@code seed}, so the
 * same seed, environment and thread count give the same policy.
 */
public final class PpoTrainer {
    private PpoTrainer() {}

    /** One iteration's figures: mean finished-episode return, losses, approximate KL, clip fraction, gradient norm. */
    public record Iteration(int iteration, long steps, int episodes, double meanEpisodeReturn, double policyLoss, double valueLoss, double entropy,
                            double approxKl, double clipFraction, double gradNorm) {}

    /** The trained policy and its learning curve. */
    public record Result(ActorCritic policy, List<Iteration> curve, double seconds) {}

    /**
     * Trains on one PyTorch thread whatever the process uses ({@link io.tatra.model.nn.Torch#singleThreaded}): the
     * networks are tiny, and a multi-threaded reduction would make the policy depend on {@code --threads}.
     */
    public static Result train(Env env, PpoConfig cfg, Consumer<Iteration> log) {
        return io.tatra.model.nn.Torch.singleThreaded(() -> trainHere(env, cfg, log));
    }

    private static Result trainHere(Env env, PpoConfig cfg, Consumer<Iteration> log) {
        long t0 = System.nanoTime();
        ActorCritic pi = ActorCritic.create(env.observationSize(), env.actionDims(), cfg.hidden(), cfg.seed());
        try {
            OptimStep optim = OptimStep.adam(cfg.learningRate(), cfg.adamEpsilon(), cfg.maxGradNorm());
            Random random = new Random(cfg.seed() * 31 + 7);
            List<Iteration> curve = new ArrayList<>();
            double[] obs = env.reset();
            double episodeReturn = 0;
            long steps = 0;
            for (int it = 1; it <= cfg.iterations(); it++) {
                Rollout r = new Rollout(cfg.rolloutSteps(), env.observationSize(), env.actionDims().length);
                double finished = 0;
                int episodes = 0;
                while (!r.full()) {
                    ActorCritic.Evaluation e = pi.evaluate(obs);
                    int[] a = e.sample(random);
                    Env.Step s = env.step(a);
                    r.add(obs, a, e.logProbability(a), e.value(), s.reward(), s.done());
                    episodeReturn += s.reward();
                    steps++;
                    if (s.done()) {
                        finished += episodeReturn;
                        episodes++;
                        episodeReturn = 0;
                        obs = env.reset();
                    } else obs = s.observation();
                }
                r.finish(pi.evaluate(obs).value(), cfg.gamma(), cfg.lambda());
                double[] stats = update(pi, optim, r, cfg, random);
                Iteration i = new Iteration(it, steps, episodes, episodes == 0 ? Double.NaN : finished / episodes, stats[0], stats[1], stats[2], stats[3], stats[4], stats[5]);
                curve.add(i);
                if (log != null) log.accept(i);
            }
            return new Result(pi, curve, (System.nanoTime() - t0) / 1e9);
        } catch (RuntimeException e) {
            pi.close();
            throw e;
        }
    }

    /** Epochs of minibatch updates over one rollout; returns mean policy loss, value loss, entropy, approximate KL, clip fraction and gradient norm. */
    static double[] update(ActorCritic pi, OptimStep optim, Rollout r, PpoConfig cfg, Random random) {
        int n = r.count(), w = r.width, k = pi.actions(), m = cfg.minibatch(), c = r.components;
        int[] offset = new int[c];
        int[] dims = pi.dims();
        for (int j = 1; j < c; j++) offset[j] = offset[j - 1] + dims[j - 1];
        double[] sum = new double[6];
        int updates = 0;
        for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
            int[] order = permutation(n, random);
            for (int from = 0; from + m <= n; from += m) {
                float[] x = new float[m * w], onehot = new float[m * k], oldLogp = new float[m], adv = new float[m], ret = new float[m];
                double mean = 0, sq = 0;
                for (int i = 0; i < m; i++) {
                    int t = order[from + i];
                    System.arraycopy(r.observations, t * w, x, i * w, w);
                    for (int j = 0; j < c; j++) onehot[i * k + offset[j] + r.actions[t * c + j]] = 1;
                    oldLogp[i] = r.logProbs[t];
                    adv[i] = r.advantages[t];
                    ret[i] = r.returns[t];
                    mean += adv[i];
                }
                mean /= m;
                for (float a : adv) sq += (a - mean) * (a - mean);
                double sd = Math.sqrt(sq / Math.max(1, m - 1));
                for (int i = 0; i < m; i++) adv[i] = (float) ((adv[i] - mean) / (sd + 1e-8));
                try (NDManager sub = pi.manager().newSubManager()) {
                    pi.zeroGradients();
                    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                        NDList out = pi.forward(sub.create(x, new Shape(m, w)), true);
                        NDArray logp = pi.logProbabilities(out.get(0));
                        NDArray newLogp = logp.mul(sub.create(onehot, new Shape(m, k))).sum(new int[]{1});
                        NDArray entropy = logp.exp().mul(logp).sum(new int[]{1}).neg().mean();
                        NDArray logRatio = newLogp.sub(sub.create(oldLogp));
                        NDArray ratio = logRatio.exp();
                        NDArray a = sub.create(adv);
                        NDArray surrogate = a.mul(ratio).minimum(a.mul(ratio.clip(1 - cfg.clip(), 1 + cfg.clip())));
                        NDArray policyLoss = surrogate.mean().neg();
                        NDArray valueLoss = out.get(1).sub(sub.create(ret)).square().mean().mul(Scalar.of(out.get(1), 0.5));
                        NDArray loss = policyLoss.add(valueLoss.mul(Scalar.of(valueLoss, cfg.valueCoef()))).sub(entropy.mul(Scalar.of(entropy, cfg.entropyCoef())));
                        sum[0] += policyLoss.getFloat();
                        sum[1] += valueLoss.getFloat();
                        sum[2] += entropy.getFloat();
                        float[] lr = logRatio.toFloatArray(), rt = ratio.toFloatArray();
                        double kl = 0, clipped = 0;
                        for (int i = 0; i < m; i++) {
                            kl += (rt[i] - 1) - lr[i];
                            if (Math.abs(rt[i] - 1) > cfg.clip()) clipped++;
                        }
                        sum[3] += kl / m;
                        sum[4] += clipped / m;
                        Autograd.backward(loss, false);
                    }
                    sum[5] += optim.step(pi.parameters());
                }
                updates++;
            }
        }
        for (int i = 0; i < sum.length; i++) sum[i] /= Math.max(1, updates);
        return sum;
    }

    /** The mean return of {@code episodes} episodes acting greedily (the policy as it would trade). */
    public static double evaluateGreedy(ActorCritic pi, Env env, int episodes) {
        double total = 0;
        for (int e = 0; e < episodes; e++) {
            double[] obs = env.reset();
            while (true) {
                Env.Step s = env.step(pi.evaluate(obs).greedy());
                total += s.reward();
                if (s.done()) break;
                obs = s.observation();
            }
        }
        return total / episodes;
    }

    static int[] permutation(int n, Random r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
