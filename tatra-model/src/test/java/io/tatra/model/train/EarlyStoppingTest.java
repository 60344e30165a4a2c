package io.tatra.model.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class EarlyStoppingTest {
    @Test
    void stopsAfterPatienceEpochsWithoutImprovementAndRestoresTheBestWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
            p.setArray(m.create(new float[]{1, 1}));
            try (EarlyStopping s = new EarlyStopping(List.of(p), 2)) {
                assertFalse(s.stop(1, 3.0));
                p.getArray().set(new float[]{2, 2});
                assertFalse(s.stop(2, 2.0), "improved: best is epoch 2");
                p.getArray().set(new float[]{3, 3});
                assertFalse(s.stop(3, 2.0 - 1e-9), "a change below 1e-6 is no improvement: first epoch without");
                p.getArray().set(new float[]{4, 4});
                assertTrue(s.stop(4, 2.5), "second epoch without improvement: stop");
                assertEquals(2, s.bestEpoch());
                assertEquals(2.0, s.bestLoss());
                s.restoreBest();
                assertArrayEquals(new float[]{2, 2}, p.getArray().toFloatArray());
            }
            assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(List.of(p), 0));
        }
    }
}
