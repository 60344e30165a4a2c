package io.tatra.metrics;

import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.Forecasts;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ScorerTest {
    @Test
    void theWinLabelIsScoredByLogLossBrierAndAucAgainstTheTripleBarriersOutcome() {
        int[] win = {1, 0, 1, 0};
        Truth t = new Truth(new int[4], new double[]{0.01, 0.01, 0.01, 0.01}, new int[4], new double[4], win, null, 1);
        double[] p = {0.8, 0.3, 0.6, 0.4};
        Map<Metric, Double> s = Scorer.score(Forecasts.none(4).with(CoreTasks.WIN, p), t);
        double ll = -(Math.log(0.8) + Math.log(0.7) + Math.log(0.6) + Math.log(0.6)) / 4;
        assertEquals(ll, s.get(Metric.WIN_LOG_LOSS), 1e-12);
        assertEquals((0.04 + 0.09 + 0.16 + 0.16) / 4, s.get(Metric.WIN_BRIER), 1e-12);
        assertEquals(1.0, s.get(Metric.WIN_AUC), 1e-12, "every win ranked above every loss");
        assertFalse(s.containsKey(Metric.DIRECTION_LOG_LOSS), "only the tasks forecast are scored");
        assertEquals(Metric.WIN_LOG_LOSS, Metric.primary(CoreTasks.WIN));
        assertTrue(Metric.tasks().contains(CoreTasks.WIN));
        assertThrows(IllegalArgumentException.class, () -> new Truth(new int[4], new double[4], new int[4], new double[4], new int[3], null, 1));
    }
}
