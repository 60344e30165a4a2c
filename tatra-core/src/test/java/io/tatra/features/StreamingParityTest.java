package io.tatra.features;

import io.tatra.market.BarSeries;
import io.tatra.market.BookLevel;
import io.tatra.market.FundingRate;
import io.tatra.market.OpenInterest;
import io.tatra.market.OrderBookSnapshot;
import io.tatra.market.Symbol;
import io.tatra.synth.SyntheticMarket;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The live engine, fed one event and one bar at a time, reproduces the batch matrix bit for bit. */
class StreamingParityTest {

    @Test
    void streamEqualsBatchWithFundingOpenInterestBooksAndAGap() {
        SyntheticMarket m = Fixtures.market(900, 21);
        Symbol sym = Fixtures.symbol(m);
        BarSeries full = m.series(sym);
        // Cut 30 bars out of the middle: a gap that must restart every warm-up in both engines.
        BarSeries.Builder b = BarSeries.builder(sym, full.interval(), full.size());
        for (int i = 0; i < full.size(); i++) {
            if (i >= 400 && i < 430) continue;
            b.add(full.openTimeMillis(i), full.open(i), full.high(i), full.low(i), full.close(i), full.volume(i));
        }
        BarSeries bars = b.build();
        List<OrderBookSnapshot> books = new ArrayList<>();
        for (int i = 0; i < bars.size(); i += 3) {
            long close = bars.openTimeMillis(i) + bars.interval().millis();
            double mid = bars.close(i);
            books.add(new OrderBookSnapshot(sym, Instant.ofEpochMilli(close - 60_000 * (i % 4)),
                    List.of(new BookLevel(mid * 0.999, 1 + i % 7), new BookLevel(mid * 0.998, 2)),
                    List.of(new BookLevel(mid * 1.001, 1 + i % 5), new BookLevel(mid * 1.002, 3))));
        }
        MarketFrame frame = new MarketFrame(bars, m.funding().get(sym), m.openInterest().get(sym), books);
        FeatureConfig withBooks = FeatureConfig.DEFAULT.withBooks(true);
        FeatureMatrix batch = new FeatureEngine(withBooks).compute(frame);

        FeatureStream stream = new FeatureStream(sym, bars.interval(), withBooks);
        FeatureStream without = new FeatureStream(sym, bars.interval(), FeatureConfig.DEFAULT);
        FeatureMatrix batchWithout = new FeatureEngine().compute(frame);
        int fi = 0, oi = 0, bi = 0;
        List<FundingRate> funding = frame.funding();
        List<OpenInterest> ois = frame.openInterest();
        int checkedBook = 0, readyRows = 0;
        for (int i = 0; i < bars.size(); i++) {
            // deliver events a little ahead of time: up to two bars beyond this bar's close
            long horizon = bars.openTimeMillis(i) + 3 * bars.interval().millis();
            while (fi < funding.size() && funding.get(fi).time().toEpochMilli() <= horizon) stream.onFunding(funding.get(fi++));
            while (oi < ois.size() && ois.get(oi).time().toEpochMilli() <= horizon) stream.onOpenInterest(ois.get(oi++));
            while (bi < books.size() && books.get(bi).time().toEpochMilli() <= horizon) {
                without.onBook(books.get(bi));
                stream.onBook(books.get(bi++));
            }
            double[] row = stream.onBar(bars.bar(i));
            double[] rowWithout = without.onBar(bars.bar(i));
            // the default reads no books, in the batch and in the stream alike: a model trained without them never sees one
            assertTrue(rowWithout[Feature.BOOK_MASK.ordinal()] == 0 && batchWithout.get(i, Feature.BOOK_MASK) == 0 && Double.isNaN(rowWithout[Feature.BOOK_IMBALANCE_20.ordinal()]));
            for (Feature f : Feature.values()) {
                final int bar = i;
                assertTrue(Fixtures.same(batch.get(i, f), row[f.ordinal()]),
                        () -> f.id() + " at bar " + bar + ": batch " + batch.get(bar, f) + ", stream " + row[f.ordinal()]);
            }
            if (row[Feature.BOOK_MASK.ordinal()] == 1) checkedBook++;
            if (stream.ready()) readyRows++;
        }
        assertTrue(checkedBook > 100, "book imbalance was known on only " + checkedBook + " bars");
        assertTrue(batch.runIndex(400) == 0 && batch.runIndex(399) == 399, "the gap must restart the run");
        assertTrue(Double.isNaN(batch.get(405, Feature.RET_8)), "warm-up restarts after a gap");
        assertEquals(bars.size() - 2 * Feature.maxWarmup(), readyRows);
    }

    @Test
    void outOfOrderInputIsRefused() {
        SyntheticMarket m = Fixtures.market(50, 3);
        Symbol sym = Fixtures.symbol(m);
        BarSeries bars = m.series(sym);
        FeatureStream s = new FeatureStream(sym, bars.interval(), FeatureConfig.DEFAULT);
        s.onBar(bars.bar(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.onBar(bars.bar(4)));
        assertTrue(e.getMessage().contains("time order"), e.getMessage());
        FundingRate f = m.funding().get(sym).get(1);
        s.onFunding(f);
        assertThrows(IllegalArgumentException.class, () -> s.onFunding(f));
        assertThrows(IllegalArgumentException.class, () -> s.onFunding(new FundingRate(Symbol.of("OTHERUSDT"), f.time().plusSeconds(3600), 0)));
    }
}
