package io.tatra.ppo;

import java.util.List;
import java.util.Random;

/** Several environments of one shape (one per symbol) as one: each episode runs in one of them, picked at random (seeded). */
public final class MultiEnv<E extends Env & MultiEnv.Counted> implements Env {
    /** An environment that knows how many non-overlapping episodes its data holds. */
    public interface Counted {
        int distinctEpisodes();
    }

    private final List<E> envs;
    private final Random random;
    private E current;

    public MultiEnv(List<E> envs, long seed) {
        if (envs.isEmpty()) throw new IllegalArgumentException("no environment");
        int w = envs.get(0).observationSize();
        int[] a = envs.get(0).actionDims();
        for (E e : envs)
            if (e.observationSize() != w || !java.util.Arrays.equals(e.actionDims(), a)) throw new IllegalArgumentException("environments differ in observation or action size");
        this.envs = List.copyOf(envs);
        this.random = new Random(seed);
    }

    @Override public int observationSize() { return envs.get(0).observationSize(); }

    @Override public int[] actionDims() { return envs.get(0).actionDims(); }

    @Override
    public double[] reset() {
        current = envs.get(random.nextInt(envs.size()));
        return current.reset();
    }

    @Override
    public Step step(int[] action) { return current.step(action); }

    /** Non-overlapping episodes the environments hold together (the data-sufficiency count). */
    public int distinctEpisodes() { return envs.stream().mapToInt(Counted::distinctEpisodes).sum(); }
}
