package io.tatra.live;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class StaleStreamWatchTest {
    @Test
    void dropsBetweenDeliveredBarsNeverTripItHoweverMany() {
        StaleStreamWatch w = new StaleStreamWatch(2);
        long stream = 0;
        for (int drop = 0; drop < 100; drop++) {
            stream += 20; // the stream delivered bars since the last poll
            assertFalse(w.onPoll(stream, 1), "drop " + drop + ": one lost frame, the stream alive");
        }
    }

    @Test
    void twoPollsWithRestBarsAndNothingFromTheStreamTripItAndEmptyPollsAreNoEvidence() {
        StaleStreamWatch w = new StaleStreamWatch(2);
        assertFalse(w.onPoll(50, 0));
        assertFalse(w.onPoll(51, 1), "first miss");
        assertFalse(w.onPoll(51, 0), "an empty poll (no bar closed meanwhile) neither clears nor counts");
        assertFalse(w.onPoll(51, 0));
        assertTrue(w.onPoll(51, 1), "second miss with no stream bar between: stale");
        assertFalse(w.onPoll(51, 1), "the count starts again after a reconnect");
        assertTrue(w.onPoll(51, 3));
        assertFalse(w.onPoll(52, 1), "a stream bar clears the count");
        w.reset(); // a reconnection: the old connection's misses do not count against the new one
        assertFalse(w.onPoll(52, 1));
        assertTrue(w.onPoll(52, 1));
        assertThrows(IllegalArgumentException.class, () -> new StaleStreamWatch(0));
    }
}
