package io.tatra.model.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** Process-wide PyTorch settings: explicit thread counts (OpenMP spin-waiting collapses on shared cores) and seeds. */
public final class Torch {
    private Torch() {}

    /** Sets intra-op threads (1 for serving; up to the cores for training) and the global random seed. */
    public static synchronized void configure(int threads, long seed) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        Engine engine = Engine.getEngine("PyTorch");
        if (JniUtils.getNumThreads() != threads) JniUtils.setNumThreads(threads);
        engine.setRandomSeed((int) seed);
    }

    /**
     * Runs {@code work} on one PyTorch intra-op thread and restores the count after: for small networks whose results
     * must not depend on the thread count (a multi-threaded reduction sums in another order), such as PPO's.
     */
    public static synchronized <T> T singleThreaded(java.util.function.Supplier<T> work) {
        int before = JniUtils.getNumThreads();
        if (before != 1) JniUtils.setNumThreads(1);
        try {
            return work.get();
        } finally {
            if (before != 1) JniUtils.setNumThreads(before);
        }
    }

    /** Re-seeds PyTorch's generator (initialization, dropout) without touching threads. */
    public static void seed(long seed) { Engine.getEngine("PyTorch").setRandomSeed((int) seed); }
}
