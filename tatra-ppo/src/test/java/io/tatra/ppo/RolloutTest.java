package io.tatra.ppo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class RolloutTest {
    @Test
    void advantagesFollowGaeAndNeverBootstrapAcrossAnEpisodeEnd() {
        double g = 0.9, l = 0.8;
        Rollout r = new Rollout(3, 1);
        r.add(new double[]{0}, 0, -1, 0.5, 1.0, false);
        r.add(new double[]{0}, 1, -1, 0.2, 0.0, true);  // the episode ends here
        r.add(new double[]{0}, 0, -1, 0.3, 2.0, false);
        r.finish(0.7, g, l);
        // by hand, from the end: t=2 bootstraps from lastValue 0.7; t=1 is done (no next value, no carried advantage)
        double d2 = 2.0 + g * 0.7 - 0.3, a2 = d2;
        double d1 = 0.0 - 0.2, a1 = d1;
        double d0 = 1.0 + g * 0.2 - 0.5, a0 = d0 + g * l * a1;
        float[] a = r.advantages(), ret = r.returns();
        assertEquals(a0, a[0], 1e-6);
        assertEquals(a1, a[1], 1e-6);
        assertEquals(a2, a[2], 1e-6);
        assertEquals(a0 + 0.5, ret[0], 1e-6);
        assertEquals(a2 + 0.3, ret[2], 1e-6);
        assertThrows(IllegalStateException.class, () -> r.add(new double[]{0}, 0, 0, 0, 0, false), "full");
        assertThrows(IllegalStateException.class, () -> new Rollout(2, 1).finish(0, g, l), "not full");
    }
}
