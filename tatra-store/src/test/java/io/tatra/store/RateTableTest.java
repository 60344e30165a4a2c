package io.tatra.store;

import io.tatra.market.FundingRate;
import io.tatra.market.OpenInterest;
import io.tatra.market.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RateTableTest {
    private static final Symbol BTC = Symbol.of("BTCUSDT");
    private static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    private static List<FundingRate> rates(int n, double scale) {
        List<FundingRate> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new FundingRate(BTC, Instant.ofEpochMilli(T0 + i * 8 * 3_600_000L), scale * (i % 7 - 3) * 1e-5));
        return out;
    }

    @Test
    void fundingIsIdempotentReportsConflictsAndSurvivesReopening(@TempDir Path home) {
        try (TatraStore st = TatraStore.open(home)) {
            assertEquals(new RateTable.WriteResult(30, 0, 0), st.funding().writeFunding(BTC, rates(30, 1), false));
            assertEquals(new RateTable.WriteResult(0, 30, 0), st.funding().writeFunding(BTC, rates(30, 1), false));
            RateTable.WriteResult changed = st.funding().writeFunding(BTC, rates(30, 2), false);
            assertEquals(26, changed.conflicting(), "every nonzero rate changed (4 of 30 are zero either way)");
            assertEquals(rates(30, 1), st.funding().funding(BTC, null, null), "a conflict keeps the stored value unless replaced");
            st.funding().writeFunding(BTC, rates(30, 2), true);
            assertEquals(rates(30, 2), st.funding().funding(BTC, null, null));
        }
        try (TatraStore st = TatraStore.openExisting(home)) {
            List<FundingRate> some = st.funding().funding(BTC, Instant.ofEpochMilli(T0 + 8 * 3_600_000L), Instant.ofEpochMilli(T0 + 3 * 8 * 3_600_000L));
            assertEquals(rates(30, 2).subList(1, 3), some, "[from, to)");
            assertEquals(1, st.funding().list().size());
            assertEquals(30, st.funding().list().get(0).rows());
            assertTrue(st.verify().containsKey("funding"));
        }
    }

    @Test
    void openInterestRoundTripsAndRefusesTwoPointsAtOneTime(@TempDir Path home) {
        try (TatraStore st = TatraStore.open(home)) {
            List<OpenInterest> oi = List.of(new OpenInterest(BTC, Instant.ofEpochMilli(T0), 50_000.5), new OpenInterest(BTC, Instant.ofEpochMilli(T0 + 3_600_000L), 50_100));
            st.openInterest().writeOpenInterest(BTC, oi, false);
            assertEquals(oi, st.openInterest().openInterest(BTC, null, null));
            assertThrows(IllegalArgumentException.class, () -> st.openInterest().write(BTC, new long[]{T0, T0}, new double[]{1, 2}, false));
            assertThrows(IllegalArgumentException.class, () -> st.openInterest().write(BTC, new long[]{T0}, new double[]{Double.NaN}, false));
            assertEquals(2, st.openInterest().openInterest(BTC, null, null).size(), "a refused write stores nothing");
        }
    }
}
