package io.tatra.exchange;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The binary search against a linear scan, on random strictly increasing times and every query between and around them. */
class TimeIndexTest {
    @Test
    void findsTheLastElementAtOrBeforeATimeAsALinearScanDoes() {
        Random r = new Random(3);
        for (int n = 0; n < 40; n++) {
            List<Long> times = new ArrayList<>();
            long t = r.nextInt(50);
            for (int i = 0; i < n; i++) times.add(t += 1 + r.nextInt(5));
            for (long q = -3; q <= t + 3; q++) {
                int linear = -1;
                for (int i = 0; i < times.size(); i++) if (times.get(i) <= q) linear = i;
                assertEquals(linear, TimeIndex.lastAtOrBefore(times, q, Long::longValue), "n " + n + ", query " + q + " in " + times);
            }
        }
    }
}
