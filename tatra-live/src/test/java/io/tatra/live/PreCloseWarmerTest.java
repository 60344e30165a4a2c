package io.tatra.live;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** The close clock's estimate and the warmer's schedule, on a clock the test moves. */
class PreCloseWarmerTest {
    private static final long HOUR = 3_600_000L, MS = 1_000_000L;

    @Test
    void clockExpectsTheNextCloseOneMedianStepAfterTheLast() {
        CloseClock c = new CloseClock(HOUR);
        assertEquals(-1, c.gapNanos());
        assertEquals(Long.MIN_VALUE, c.expectedNanos());
        c.arrived(HOUR, 1_000 * MS);
        c.arrived(HOUR, 1_001 * MS); // another symbol's bar of the same close: ignored
        assertEquals(1, c.arrivals());
        c.arrived(2 * HOUR, 1_100 * MS); // a replay at 36,000x: 100 ms per hour
        assertEquals(100 * MS, c.gapNanos());
        assertEquals(1_200 * MS, c.expectedNanos());
        c.arrived(5 * HOUR, 1_400 * MS); // two closes skipped (a gap): the step is per market millisecond
        assertEquals(100 * MS, c.gapNanos());
        // a burst of bars fetched after a reconnect moves the median by one step at most
        c.arrived(6 * HOUR, 1_401 * MS);
        c.arrived(7 * HOUR, 1_402 * MS);
        assertEquals(100 * MS, c.gapNanos(), "median of 100, 100, 1, 1 → the upper middle");
        c.arrived(8 * HOUR, 1_403 * MS);
        assertEquals(MS, c.gapNanos(), "three of five steps short: the estimate follows");
        c.arrived(7 * HOUR, 1_500 * MS); // an older close: ignored
        assertEquals(1_403 * MS + MS, c.expectedNanos());
    }

    @Test
    void leadIsFivePercentOfTheGapWithinBounds() {
        assertEquals(5 * MS, PreCloseWarmer.leadNanos(100 * MS));
        assertEquals(2 * MS, PreCloseWarmer.leadNanos(10 * MS));
        assertEquals(2_000 * MS, PreCloseWarmer.leadNanos(3_600_000 * MS), "a real venue's hour: 2 s");
    }

    /** A pass that records the earliest and latest fake time it ran at (and takes 50 µs of real time). */
    private static final class Recorder implements Runnable {
        private final AtomicLong now;
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;

        Recorder(AtomicLong now) { this.now = now; }

        @Override
        public synchronized void run() {
            first = Math.min(first, now.get());
            last = Math.max(last, now.get());
            java.util.concurrent.locks.LockSupport.parkNanos(50_000);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 500 && !done.getAsBoolean(); i++) Thread.sleep(10);
        assertTrue(done.getAsBoolean(), "timed out");
    }

    @Test
    void runsPassesFromTheLeadUntilTheBarArrivesThenWaits() throws InterruptedException {
        CloseClock c = new CloseClock(HOUR);
        AtomicLong now = new AtomicLong(0);
        Recorder r = new Recorder(now);
        List<String> log = new ArrayList<>();
        c.arrived(HOUR, 0);
        c.arrived(2 * HOUR, 100 * MS); // next expected at 200 ms, lead 5 ms
        now.set(150 * MS);
        try (PreCloseWarmer w = new PreCloseWarmer(c, r, now::get, log::add)) {
            Thread.sleep(100);
            assertEquals(0, w.stats().passes(), "50 ms before the expected bar: nothing runs");
            now.set(196 * MS); // inside the lead: passes run back to back
            waitFor(() -> w.stats().passes() >= 3);
            synchronized (r) { c.arrived(3 * HOUR, now.get()); } // the bar arrives between two passes
            waitFor(() -> w.stats().warmArrivals() == 1);
            long passes = w.stats().passes();
            Thread.sleep(100);
            assertEquals(passes, w.stats().passes(), "after the bar: none until the next lead");
            synchronized (r) { assertEquals(196 * MS, r.first, "no pass before the lead"); }
            assertEquals(0, w.stats().missedWindows());
            // the next bar is late: the passes end at expected + lead and count a miss, once
            long expected = c.expectedNanos();
            now.set(expected - 4 * MS);
            long before = w.stats().passes();
            waitFor(() -> w.stats().passes() > before + 2);
            now.set(expected + 6 * MS);
            waitFor(() -> w.stats().missedWindows() == 1);
            synchronized (r) { assertTrue(r.last < expected + 5 * MS, "the last pass starts inside the window: " + r.last); }
            long after = w.stats().passes();
            now.addAndGet(50 * MS);
            Thread.sleep(100);
            assertEquals(after, w.stats().passes(), "past the window: waits for the bar");
            assertEquals(1, w.stats().missedWindows());
        }
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void backToBackBarsNeedNoWarming() throws InterruptedException {
        CloseClock c = new CloseClock(HOUR);
        AtomicLong now = new AtomicLong(0);
        Recorder r = new Recorder(now);
        for (int i = 1; i <= 6; i++) c.arrived(i * HOUR, i * 2 * MS); // a lock-step replay: 2 ms apart
        try (PreCloseWarmer w = new PreCloseWarmer(c, r, now::get, s -> {})) {
            for (int i = 0; i < 20; i++) {
                now.addAndGet(MS);
                Thread.sleep(5);
            }
            assertEquals(0, w.stats().passes());
        }
    }

    @Test
    void aReplayMovingItsOwnClockWarmsBeforeEachCloseOnItsOwnThread() throws InterruptedException {
        CloseClock c = new CloseClock(HOUR);
        for (int i = 1; i <= 6; i++) c.arrived(i * HOUR, i * 2 * MS); // lock-step: the thread has no gap to warm in
        List<Thread> ranOn = java.util.Collections.synchronizedList(new ArrayList<>());
        PreCloseWarmer w = new PreCloseWarmer(c, () -> ranOn.add(Thread.currentThread()), () -> 12 * MS, s -> {});
        try {
            for (int i = 0; i < 3; i++) w.beforeClose();
            assertEquals(List.of(Thread.currentThread(), Thread.currentThread(), Thread.currentThread()), ranOn);
            assertEquals(new PreCloseWarmer.Stats(3, 3, 0), w.stats());
        } finally {
            w.close();
        }
        w.beforeClose();
        assertEquals(3, ranOn.size(), "none after close");
        // a failing pass is told once, and no pass follows it
        List<String> log = new ArrayList<>();
        int[] calls = {0};
        try (PreCloseWarmer f = new PreCloseWarmer(c, () -> { calls[0]++; throw new IllegalStateException("model closed"); }, () -> 12 * MS, log::add)) {
            f.beforeClose();
            f.beforeClose();
            assertEquals(1, calls[0]);
            assertEquals(List.of("pre-close warming stopped: IllegalStateException model closed"), log);
            assertEquals(0, f.stats().passes());
        }
    }

    @Test
    void theReferenceTimesEachPassOnTheClockItIsGivenAndIsNoWarming() {
        CloseClock c = new CloseClock(HOUR);
        AtomicLong now = new AtomicLong(0);
        long[] k = {0};
        // pass i takes 1 ms, except every tenth, which takes 5 ms (on the fake clock)
        PreCloseWarmer w = new PreCloseWarmer(c, () -> now.addAndGet(++k[0] % 10 == 0 ? 5 * MS : MS), now::get, s -> {});
        try {
            var ref = w.reference(100);
            assertEquals(100.0, ref.get("count"));
            assertEquals(1.0, ref.get("p50_ms"), 0.01);
            assertEquals(5.0, ref.get("p99_ms"), 0.01);
            assertEquals(5.0, ref.get("max_ms"), 0.01);
            assertEquals(0, w.stats().passes(), "a reference is not warming");
            assertThrows(IllegalArgumentException.class, () -> w.reference(0));
        } finally {
            w.close();
        }
    }

    @Test
    void aFailingPassStopsWarmingAndSaysWhy() throws InterruptedException {
        CloseClock c = new CloseClock(HOUR);
        c.arrived(HOUR, 0);
        c.arrived(2 * HOUR, 100 * MS);
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        try (PreCloseWarmer w = new PreCloseWarmer(c, () -> { throw new IllegalStateException("model closed"); }, () -> 199 * MS, log::add)) {
            waitFor(() -> !log.isEmpty());
            assertEquals("pre-close warming stopped: IllegalStateException model closed", log.get(0));
            assertEquals(0, w.stats().passes());
        }
    }
}
