package io.tatra.model.train;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class PcGradTest {
    @Test
    void conflictingGradientsAreProjectedOntoEachOthersNormalPlane() {
        // g1 = (1, 0), g2 = (-1, 1): g1·g2 = -1 < 0.
        // g1' = g1 - (-1/2)·g2 = (0.5, 0.5); g2' = g2 - (-1/1)·g1 = (0, 1); sum = (0.5, 1.5).
        PcGrad.Result r = PcGrad.combine(new float[][]{{1, 0}, {-1, 1}}, new Random(1));
        assertArrayEquals(new float[]{0.5f, 1.5f}, r.gradient(), 1e-6f);
        assertEquals(2, r.conflicts());
        assertEquals(2, r.pairs());
        // each projected gradient no longer conflicts with the other task's raw gradient
        assertEquals(0, 0.5 * -1 + 0.5 * 1, 1e-12);
    }

    @Test
    void agreeingGradientsAreSummedUnchanged() {
        PcGrad.Result r = PcGrad.combine(new float[][]{{1, 2, 0}, {0.5f, 0, 3}, {1, 1, 1}}, new Random(1));
        assertArrayEquals(new float[]{2.5f, 3, 4}, r.gradient(), 1e-6f);
        assertEquals(0, r.conflicts());
        assertEquals(6, r.pairs());
    }

    @Test
    void opposedGradientsCancelInsteadOfFighting() {
        // exactly opposite: each is projected to zero.
        PcGrad.Result r = PcGrad.combine(new float[][]{{2, -4}, {-1, 2}}, new Random(3));
        assertArrayEquals(new float[]{0, 0}, r.gradient(), 1e-6f);
        assertEquals(2, r.conflicts());
    }

    @Test
    void threeTasksResultHasNoNegativeDotWithAnyTaskWhenTwoConflict() {
        float[][] g = {{1, 0, 0}, {-0.5f, 1, 0}, {0, 0, 1}};
        PcGrad.Result r = PcGrad.combine(g, new Random(5));
        for (float[] gi : g) {
            double dot = 0;
            for (int k = 0; k < 3; k++) dot += gi[k] * r.gradient()[k];
            assertTrue(dot >= -1e-6, "combined gradient conflicts with a task: " + dot);
        }
        assertEquals(2, r.conflicts());
    }
}
