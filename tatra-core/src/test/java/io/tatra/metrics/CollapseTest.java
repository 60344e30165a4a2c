package io.tatra.metrics;

import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.Forecasts;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class CollapseTest {
    @Test
    void aConstantDistributionIsCollapsedAndAVaryingOneIsNot() {
        int n = 500;
        double[] flat = new double[n * 3], varied = new double[n * 3];
        for (int i = 0; i < n; i++) {
            flat[i * 3] = 0.28; flat[i * 3 + 1] = 0.42 + 1e-5 * (i % 2); flat[i * 3 + 2] = 0.30 - 1e-5 * (i % 2);
            double up = 0.2 + 0.4 * (i % 10) / 10.0;
            varied[i * 3] = 0.8 - up; varied[i * 3 + 1] = 0.2; varied[i * 3 + 2] = up;
        }
        Forecasts constant = new Forecasts(n, Map.of(CoreTasks.DIRECTION, flat)), reading = new Forecasts(n, Map.of(CoreTasks.DIRECTION, varied));
        assertTrue(Collapse.collapsed(constant, CoreTasks.DIRECTION), "spread " + Collapse.spread(constant, CoreTasks.DIRECTION));
        assertFalse(Collapse.collapsed(reading, CoreTasks.DIRECTION));
        assertEquals(2 * Math.sqrt(0.0132) / 3, Collapse.spread(reading, CoreTasks.DIRECTION), 1e-3, "two classes move, one does not");
        assertTrue(Double.isNaN(Collapse.spread(reading, CoreTasks.VOLATILITY)), "not a class task");
        assertFalse(Collapse.collapsed(reading, CoreTasks.REGIME), "a task it does not forecast is not collapsed");
    }
}
