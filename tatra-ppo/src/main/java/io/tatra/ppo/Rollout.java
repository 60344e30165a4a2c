package io.tatra.ppo;

/**
 * One batch of transitions and its generalized advantage estimates (Schulman et al. 2016): {@code δ_t = r_t + γ V(s_{t+1})(1 − done_t) − V(s_t)},
 * {@code A_t = δ_t + γλ(1 − done_t) A_{t+1}}, returns {@code A_t + V(s_t)}. A done transition's next value is never
 * bootstrapped; the last transition bootstraps from {@code lastValue} unless it ended an episode.
 */
public final class Rollout {
    final float[] observations;
    /** Each transition's action, {@link #components} choices per transition. */
    final int[] actions;
    final float[] logProbs, values, rewards;
    final boolean[] dones;
    final int size, width, components;
    private int n;
    float[] advantages, returns;

    public Rollout(int size, int width) { this(size, width, 1); }

    public Rollout(int size, int width, int components) {
        if (size < 1 || width < 1 || components < 1) throw new IllegalArgumentException("rollout size, observation width and action components must be >= 1");
        this.size = size;
        this.width = width;
        this.components = components;
        observations = new float[size * width];
        actions = new int[size * components];
        logProbs = new float[size];
        values = new float[size];
        rewards = new float[size];
        dones = new boolean[size];
    }

    /** Adds a transition: the observation the action was taken in, the action, its log-probability, V(observation), the reward, and whether it ended the episode. */
    public void add(double[] obs, int action, double logProb, double value, double reward, boolean done) { add(obs, new int[]{action}, logProb, value, reward, done); }

    /** Adds a transition whose action has several components. */
    public void add(double[] obs, int[] action, double logProb, double value, double reward, boolean done) {
        if (n == size) throw new IllegalStateException("rollout full");
        if (obs.length != width) throw new IllegalArgumentException("observation of " + obs.length + " values, expected " + width);
        if (action.length != components) throw new IllegalArgumentException("action of " + action.length + " components, expected " + components);
        for (int j = 0; j < width; j++) observations[n * width + j] = (float) obs[j];
        System.arraycopy(action, 0, actions, n * components, components);
        logProbs[n] = (float) logProb;
        values[n] = (float) value;
        rewards[n] = (float) reward;
        dones[n] = done;
        n++;
    }

    public boolean full() { return n == size; }

    public int count() { return n; }

    /** Computes advantages and returns; {@code lastValue} is V of the observation after the last transition. */
    public void finish(double lastValue, double gamma, double lambda) {
        if (n != size) throw new IllegalStateException("rollout holds " + n + " of " + size + " transitions");
        advantages = new float[n];
        returns = new float[n];
        double next = lastValue, gae = 0;
        for (int t = n - 1; t >= 0; t--) {
            double notDone = dones[t] ? 0 : 1;
            double delta = rewards[t] + gamma * next * notDone - values[t];
            gae = delta + gamma * lambda * notDone * gae;
            advantages[t] = (float) gae;
            returns[t] = (float) (gae + values[t]);
            next = values[t];
        }
    }

    public float[] advantages() { return advantages.clone(); }

    public float[] returns() { return returns.clone(); }
}
