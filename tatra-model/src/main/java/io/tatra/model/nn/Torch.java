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

    /** Re-seeds PyTorch's generator (initialization, dropout) without touching threads. */
    public static void seed(long seed) { Engine.getEngine("PyTorch").setRandomSeed((int) seed); }
}
