package io.tatra.ppo;

import java.util.List;
import java.util.Random;

/** Several sizing environments (one per symbol) as one: each episode runs in one of them, picked at random (seeded). */
public final class MultiEnv implements Env {
    private final List<SizingEnv> envs;
    private final Random random;
    private SizingEnv current;

    public MultiEnv(List<SizingEnv> envs, long seed) {
        if (envs.isEmpty()) throw new IllegalArgumentException("no environment");
        int w = envs.get(0).observationSize(), a = envs.get(0).actionCount();
        for (SizingEnv e : envs)
            if (e.observationSize() != w || e.actionCount() != a) throw new IllegalArgumentException("environments differ in observation or action size");
        this.envs = List.copyOf(envs);
        this.random = new Random(seed);
    }

    @Override public int observationSize() { return envs.get(0).observationSize(); }

    @Override public int actionCount() { return envs.get(0).actionCount(); }

    @Override
    public double[] reset() {
        current = envs.get(random.nextInt(envs.size()));
        return current.reset();
    }

    @Override
    public Step step(int action) { return current.step(action); }

    /** Non-overlapping episodes the environments hold together (the data-sufficiency count). */
    public int distinctEpisodes() { return envs.stream().mapToInt(SizingEnv::distinctEpisodes).sum(); }
}
