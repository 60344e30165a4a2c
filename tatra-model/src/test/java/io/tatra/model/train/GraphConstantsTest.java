package io.tatra.model.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.tatra.model.task.TargetScale;
import io.tatra.model.task.TaskKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Regression test: constants inside a differentiated expression must outlive the backward pass. With DJL's
 * {@code x.mul(2f)} style, a garbage collection between forward and backward left autograd reading freed
 * memory (random NaN/∞ gradients). Each loss's gradient must not depend on whether the GC ran.
 */
class GraphConstantsTest {
    @Test
    void lossGradientsAreTheSameWithAGarbageCollectionBeforeBackward() throws InterruptedException {
        for (TaskKind kind : TaskKind.values()) {
            float[] quiet = gradient(kind, false), collected = gradient(kind, true);
            assertArrayEquals(quiet, collected, kind.name());
        }
    }

    private static float[] gradient(TaskKind kind, boolean gc) throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            int outputs = kind == TaskKind.CLASSES ? 3 : 1;
            float[] v = new float[16 * outputs];
            for (int i = 0; i < v.length; i++) v[i] = (float) Math.sin(i * 1.7);
            float[] y = new float[16];
            for (int i = 0; i < y.length; i++) y[i] = kind == TaskKind.CLASSES ? i % 3 : kind == TaskKind.BINARY ? i % 2 : 0.01f * (i + 1);
            NDArray out = m.create(v, new Shape(16, outputs));
            out.setRequiresGradient(true);
            try (GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray loss = kind.loss(out, m.create(y), new TargetScale(-3, 0.5));
                if (gc) {
                    for (int i = 0; i < 3; i++) { System.gc(); Thread.sleep(20); }
                    // churn direct buffers so freed memory would be reused
                    for (int i = 0; i < 200; i++) java.nio.ByteBuffer.allocateDirect(64).putFloat(0, 1e30f);
                }
                Autograd.backward(loss, false);
            }
            return out.getGradient().toFloatArray();
        }
    }
}
