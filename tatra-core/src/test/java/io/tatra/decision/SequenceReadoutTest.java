package io.tatra.decision;

import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.Forecast;
import io.tatra.forecast.ForecastKind;
import io.tatra.forecast.TaskSpec;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SequenceReadoutTest {
    static final TaskSpec TTT = new TaskSpec("time_to_target", ForecastKind.VALUE, List.of(), ""),
            STRENGTH = new TaskSpec("trend_strength", ForecastKind.VALUE, List.of(), ""),
            REVERSAL = new TaskSpec("reversal", ForecastKind.PROBABILITY, List.of(), ""),
            BREAKOUT = new TaskSpec("breakout", ForecastKind.PROBABILITY, List.of(), ""),
            PATTERN = new TaskSpec("pattern", ForecastKind.CLASSES, List.of("class_0", "class_1", "class_2", "class_3"), "");

    static Map<TaskSpec, double[]> core(double down, double side, double up) {
        Map<TaskSpec, double[]> m = new LinkedHashMap<>();
        m.put(CoreTasks.DIRECTION, new double[]{down, side, up});
        m.put(CoreTasks.VOLATILITY, new double[]{0.01});
        m.put(CoreTasks.REGIME, new double[]{0.2, 0.5, 0.3});
        m.put(CoreTasks.RETURN, new double[]{-0.004});
        return m;
    }

    @Test
    void everyOutputOfTheDocumentsFourTasksIsReadOffTheHeads() {
        Map<TaskSpec, double[]> m = core(0.45, 0.25, 0.30);
        m.put(TTT, new double[]{9.7});
        m.put(STRENGTH, new double[]{3.5});
        m.put(REVERSAL, new double[]{0.35});
        m.put(BREAKOUT, new double[]{0.6});
        m.put(PATTERN, new double[]{0.1, 0.2, 0.45, 0.25});
        SequenceReadout r = SequenceReadout.of(new Forecast(m), 4, new double[]{0.005, 0.008, 0.01, 0.02}, 1.5);
        assertEquals(-1, r.entryTiming().entrySignal());
        assertEquals(0.45 / 0.75, r.entryTiming().confidence(), 1e-12);
        assertEquals(-0.004, r.entryTiming().expectedMovement());
        assertEquals(4, r.entryTiming().timeToTarget(), "clamped to the horizon");
        assertEquals(-1, r.trend().trendDirection(), "bear 0.5 is the likeliest regime");
        assertEquals(0.5, r.trend().directionProbability());
        assertEquals(3.5, r.trend().trendStrength());
        assertEquals(0.35, r.trend().reversalProbability());
        assertEquals(0.01, r.volatility().volatilityForecast());
        assertEquals((2 + 0.5) / 4, r.volatility().riskScore(), 1e-12, "two below, one tie");
        assertEquals(1 - Math.exp(-1.5 * 0.01 * 2), r.volatility().stopLossSuggestion(), 1e-12, "1.5 σ√h below the price, as a fraction of it");
        assertEquals("breakout_down", r.pattern().patternType());
        assertEquals(0.45, r.pattern().patternConfidence());
        assertEquals(0.6, r.pattern().breakoutProbability());
        assertTrue(SequenceReadout.hasSequenceHeads(new Forecast(m)));
    }

    @Test
    void aModelWithoutTheSequenceHeadsHasNoPatternAndNaNWhereAHeadIsMissing() {
        Map<TaskSpec, double[]> m = core(0.3, 0.3, 0.4);
        m.put(CoreTasks.REGIME, new double[]{0.2, 0.2, 0.6});
        SequenceReadout r = SequenceReadout.of(new Forecast(m), 4, new double[0], 1);
        assertEquals(1, r.entryTiming().entrySignal());
        assertTrue(Double.isNaN(r.entryTiming().timeToTarget()));
        assertEquals(0, r.trend().trendDirection(), "sideways likeliest");
        assertTrue(Double.isNaN(r.trend().trendStrength()) && Double.isNaN(r.volatility().riskScore()));
        assertNull(r.pattern());
        assertFalse(SequenceReadout.hasSequenceHeads(new Forecast(m)));
    }

    @Test
    void theTrailingRankSeesOnlyEarlierValuesAndForgetsTheOldest() {
        TrailingRank t = new TrailingRank(3);
        assertTrue(Double.isNaN(t.rankThenAdd(5)));
        assertEquals(0.5, t.rankThenAdd(5), "a tie with the one before");
        assertEquals(1.0, t.rankThenAdd(9));
        assertEquals(0.0, t.rankThenAdd(1), "below 5, 5, 9");
        assertEquals(2 / 3.0, t.rankThenAdd(6), 1e-12, "the first 5 is forgotten: 5 and 1 below, 9 above");
        assertThrows(IllegalArgumentException.class, () -> new TrailingRank(0));
    }
}
