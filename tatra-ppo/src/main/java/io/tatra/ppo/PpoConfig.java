package io.tatra.ppo;

/**
 * PPO's settings, defaulting to the reference implementations' (CleanRL, Stable-Baselines3).
 *
 * @param rolloutSteps transitions collected per iteration
 * @param iterations   collect-then-update rounds (total steps = rolloutSteps × iterations)
 * @param epochs       passes over each rollout
 * @param minibatch    transitions per gradient step
 * @param clip         the ratio clip ε of the surrogate objective
 * @param valueCoef    weight of the value loss (itself ½·MSE)
 * @param entropyCoef  weight of the entropy bonus
 * @param maxGradNorm  global gradient-norm clip (DJL's optClipGrad clips each element, so Tatra clips the norm itself)
 * @param adamEpsilon  Adam's ε (1e-5 as the references; DJL's default is 1e-8)
 * @param hidden       units of the actor's and the critic's two tanh layers
 */
public record PpoConfig(int rolloutSteps, int iterations, int epochs, int minibatch, double gamma, double lambda, double clip, double valueCoef,
                        double entropyCoef, double learningRate, double maxGradNorm, double adamEpsilon, int hidden, long seed) {
    public PpoConfig {
        if (rolloutSteps < 2 || iterations < 1 || epochs < 1 || minibatch < 1 || minibatch > rolloutSteps)
            throw new IllegalArgumentException("rollout steps >= 2, iterations >= 1, epochs >= 1 and 1 <= minibatch <= rollout steps are required");
        if (!(gamma > 0 && gamma <= 1) || !(lambda >= 0 && lambda <= 1)) throw new IllegalArgumentException("γ must be in (0, 1], λ in [0, 1]");
        if (!(clip > 0 && clip < 1)) throw new IllegalArgumentException("clip must be in (0, 1), got " + clip);
        if (!(valueCoef >= 0) || !(entropyCoef >= 0) || !(learningRate > 0) || !(maxGradNorm > 0) || !(adamEpsilon > 0))
            throw new IllegalArgumentException("coefficients must be >= 0; learning rate, gradient clip and ε > 0");
        if (hidden < 1 || hidden > 4096) throw new IllegalArgumentException("hidden units must be 1..4096, got " + hidden);
    }

    /** Clip 0.2, GAE λ 0.95, γ 0.99, value 0.5, entropy 0.01, lr 3e-4, norm clip 0.5, Adam ε 1e-5, 4 epochs of 64-transition minibatches over 512 steps, 2 × 64 tanh. */
    public static PpoConfig defaults(long seed) { return new PpoConfig(512, 100, 4, 64, 0.99, 0.95, 0.2, 0.5, 0.01, 3e-4, 0.5, 1e-5, 64, seed); }

    public PpoConfig withIterations(int n) { return new PpoConfig(rolloutSteps, n, epochs, minibatch, gamma, lambda, clip, valueCoef, entropyCoef, learningRate, maxGradNorm, adamEpsilon, hidden, seed); }

    public PpoConfig withLearningRate(double lr) { return new PpoConfig(rolloutSteps, iterations, epochs, minibatch, gamma, lambda, clip, valueCoef, entropyCoef, lr, maxGradNorm, adamEpsilon, hidden, seed); }

    public PpoConfig withGamma(double g) { return new PpoConfig(rolloutSteps, iterations, epochs, minibatch, g, lambda, clip, valueCoef, entropyCoef, learningRate, maxGradNorm, adamEpsilon, hidden, seed); }

    public PpoConfig withSeed(long s) { return new PpoConfig(rolloutSteps, iterations, epochs, minibatch, gamma, lambda, clip, valueCoef, entropyCoef, learningRate, maxGradNorm, adamEpsilon, hidden, s); }

    public long totalSteps() { return (long) rolloutSteps * iterations; }
}
