package io.tatra.app;

import io.tatra.live.LiveEngine;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A position read that started earlier and answers later does not take the newer read's stop away. */
class HoldingsSeenTest {
    @Test
    void anOlderReadAnsweringLateKeepsTheNewerHoldings() {
        HoldingsSeen seen = new HoldingsSeen();
        long barRead = seen.start();      // a bar's read, sent before the engine's order; the bar stopped waiting for it
        long afterOrder = seen.start();   // the engine's read after its order: the new short with its stop
        seen.reported(afterOrder, Map.of("BTCUSDT", new LiveEngine.Holding(30_265, 30_855, 29_299)));
        seen.reported(barRead, Map.of()); // the late answer: flat, as before the order
        assertEquals(30_855, seen.of("BTCUSDT").stopLoss(), "the stop the view checks bars against is still known");
        long next = seen.start();
        seen.reported(next, Map.of());    // a read started later: the stop filled, flat
        assertNull(seen.of("BTCUSDT"));
    }
}
