package io.tatra.live;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static io.tatra.live.AccountView.Why.FIRST_READ;
import static io.tatra.live.AccountView.Why.LEVEL_REACHED;
import static io.tatra.live.AccountView.Why.NO_MARK;
import static io.tatra.live.AccountView.Why.OPEN_ORDERS;
import static io.tatra.live.AccountView.Why.OWN_ACTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountViewTest {
    private static final long H = 3_600_000L;

    /** A long of 2 BTC with its stop at 95 and take profit at 110 (NaN: none), read with equity 1,000 after a close at 100. */
    private static AccountView holding(double size, double stop, double take) {
        AccountView v = new AccountView();
        v.mark("BTC", 100);
        v.read(Map.of("BTC", BigDecimal.valueOf(size)), s -> new LiveEngine.Holding(100, stop, take), 1_000, false);
        return v;
    }

    @Test
    void theFirstBarReadsThenTheViewVouchesUntilTheEngineActs() {
        AccountView v = new AccountView();
        assertEquals(FIRST_READ, v.onBar("BTC", 0, H, 99, 101, 100));
        v.read(Map.of(), s -> null, 1_000, false);
        assertNull(v.onBar("BTC", H, 2 * H, 90, 120, 100), "flat: nothing can fill, whatever the range");
        v.invalidate(OWN_ACTION);
        assertTrue(v.refreshDue(), "after an order the engine reads after the bar");
        assertEquals(OWN_ACTION, v.onBar("BTC", 2 * H, 3 * H, 99, 101, 100), "and, had it not, before the next one");
        v.read(Map.of(), s -> null, 990, true);
        assertEquals(OPEN_ORDERS, v.onBar("BTC", 3 * H, 4 * H, 99, 101, 100), "a resting order may fill at any time");
        assertEquals(1, v.vouched());
        assertEquals(Map.of(FIRST_READ, 1L, OWN_ACTION, 1L, OPEN_ORDERS, 1L), v.reads());
    }

    @Test
    void aBarThatTouchesAStopOrTakeProfitReadsOnlyThen() {
        AccountView v = holding(2, 95, 110);
        assertNull(v.onBar("BTC", 0, H, 95.01, 109.99, 105), "strictly inside the levels: neither triggered");
        assertEquals(LEVEL_REACHED, v.onBar("BTC", H, 2 * H, 95, 105, 100), "the venue triggers at the level: inclusive");
        assertEquals(LEVEL_REACHED, v.onBar("BTC", 2 * H, 3 * H, 99, 101, 100), "until a read settles it");
        v.read(Map.of(), s -> null, 990, false);
        assertNull(v.onBar("BTC", 3 * H, 4 * H, 90, 120, 100));

        AccountView t = holding(2, 95, 110);
        assertEquals(LEVEL_REACHED, t.onBar("BTC", 0, H, 100, 110, 105), "a long's take profit");
        AccountView s = holding(-2, 105, 90);
        assertNull(s.onBar("BTC", 0, H, 90.01, 104.99, 100));
        assertEquals(LEVEL_REACHED, s.onBar("BTC", H, 2 * H, 95, 105, 100), "a short's stop is above");
        AccountView u = holding(-2, 105, 90);
        assertEquals(LEVEL_REACHED, u.onBar("BTC", 0, H, 90, 100, 95), "a short's take profit is below");
        AccountView none = holding(2, Double.NaN, Double.NaN);
        assertNull(none.onBar("BTC", 0, H, 1, 1_000, 100), "no levels: nothing triggers");
        assertNull(holding(2, 95, 110).onBar("ETH", 0, H, 1, 1_000, 100), "another symbol's range says nothing of this position");
    }

    @Test
    void equityIsTheReadMarkedToEachHeldSymbolsLatestClose() {
        AccountView v = holding(2, 95, 110);
        assertEquals(1_000, v.equity(), 1e-9);
        v.onBar("BTC", 0, H, 99, 106, 105);
        assertEquals(1_010, v.equity(), 1e-9, "2 × (105 − 100)");
        v.onBar("BTC", H, 2 * H, 96, 104, 97);
        assertEquals(994, v.equity(), 1e-9);
        AccountView s = holding(-2, 105, 90);
        s.onBar("BTC", 0, H, 96, 104, 97);
        assertEquals(1_006, s.equity(), 1e-9, "a short gains as the price falls");
    }

    @Test
    void fundingFromTheStreamComesOffTheEquityUntilAReadHoldsIt() {
        AccountView v = holding(2, 95, 110); // read before any close: covers nothing yet
        v.onBar("BTC", 0, H, 99, 106, 100);
        v.fundingFee(new AccountView.FundingFee("BTC", 0.02, H)); // settled at the close of the first bar
        assertEquals(1_000 - 0.02, v.equity(), 1e-9);
        assertEquals(1_000 - 0.02, v.before(H).equity(), 1e-9, "the next close sizes from it too");
        v.fundingFee(new AccountView.FundingFee("BTC", -0.01, H)); // a received one adds
        assertEquals(1_000 - 0.01, v.equity(), 1e-9);
        assertEquals(2, v.fundingHeard());
        // a read at the close of 2H holds both (the venue's equity already paid them)
        v.onBar("BTC", H, 2 * H, 99, 106, 100);
        v.read(Map.of("BTC", BigDecimal.valueOf(2)), s -> new LiveEngine.Holding(100, 95, 110), 999.99, false);
        assertEquals(999.99, v.equity(), 1e-9, "not counted twice");
        v.fundingFee(new AccountView.FundingFee("BTC", 0.02, 2 * H)); // a frame that arrives after the read for a settlement inside it
        assertEquals(999.99, v.equity(), 1e-9, "stamped at or before the read's close: already in the read");
        assertEquals(2, v.fundingHeard());
        v.onBar("BTC", 2 * H, 3 * H, 99, 106, 100);
        v.fundingFee(new AccountView.FundingFee("BTC", 0.03, 3 * H));
        assertEquals(999.96, v.equity(), 1e-9, "a later one counts");
        assertThrows(IllegalArgumentException.class, () -> new AccountView.FundingFee("BTC", Double.NaN, H));
    }

    @Test
    void withTheWalletBalanceTheEquityIsMarkedFromTheEntriesAtTheEnginesOwnCloses() {
        AccountView v = new AccountView();
        v.mark("BTC", 100);
        v.mark("ETH", 50);
        // the venue already marks ETH at 55, a close the engine has not seen: its equity says 1,005, its wallet 900
        v.read(Map.of("BTC", BigDecimal.valueOf(2), "ETH", BigDecimal.valueOf(-1)),
                s -> new LiveEngine.Holding(s.equals("BTC") ? 60 : 45, Double.NaN, Double.NaN), 1_005, 900, false);
        assertEquals(900 + 2 * (100 - 60) - (50 - 45), v.equity(), 1e-9, "the wallet plus each position from its entry to the engine's close");
        v.onBar("ETH", 0, H, 50, 56, 55);
        assertEquals(900 + 80 - 10, v.equity(), 1e-9, "ETH's close now counts, once");
        // a position whose entry is unknown: the venue's equity, as before
        AccountView u = new AccountView();
        u.mark("BTC", 100);
        u.read(Map.of("BTC", BigDecimal.valueOf(2)), s -> null, 1_000, 900, false);
        assertEquals(1_000, u.equity(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> u.read(Map.of(), s -> null, Double.NaN, Double.NaN, false), "no number to count from");
    }

    /** Long 2 BTC (read at 100) and short 1 ETH (read at 50), equity 1,000; then the closes at H: BTC 100, ETH 50. */
    private static AccountView two() {
        AccountView v = new AccountView();
        v.mark("BTC", 100);
        v.mark("ETH", 50);
        v.read(Map.of("BTC", BigDecimal.valueOf(2), "ETH", BigDecimal.valueOf(-1)), s -> new LiveEngine.Holding(s.equals("BTC") ? 100 : 50, Double.NaN, Double.NaN), 1_000, false);
        return v;
    }

    @Test
    void eachSymbolOfACloseSizesFromTheSameMarksWhateverOrderItsBarsArriveIn() {
        // BTC then ETH close at 2H: BTC 110 (+20 for the long), ETH 40 (+10 for the short)
        AccountView ab = two();
        AccountView.Before first = ab.before(H);
        ab.onBar("BTC", H, 2 * H, 99, 111, 110);
        AccountView.Before snap = ab.before(H);
        ab.onBar("ETH", H, 2 * H, 39, 51, 40);
        AccountView ba = two();
        ba.onBar("ETH", H, 2 * H, 39, 51, 40);
        AccountView.Before other = ba.before(H); // taken at ETH's bar, BTC's not in yet
        ba.onBar("BTC", H, 2 * H, 99, 111, 110);
        assertEquals(1_000, first.equity(), 1e-9, "before the close: both at their earlier closes");
        assertEquals(1_000, snap.equity(), 1e-9, "BTC's own bar is in, yet the snapshot marks it at its earlier close");
        assertEquals(1_000, other.equity(), 1e-9);
        assertEquals(1_020, snap.of("BTC", ab.close("BTC")), 1e-9, "BTC adds only its own move");
        assertEquals(1_020, other.of("BTC", ba.close("BTC")), 1e-9, "the same, its bar second");
        assertEquals(1_010, snap.of("ETH", ab.close("ETH")), 1e-9);
        assertEquals(1_010, other.of("ETH", ba.close("ETH")), 1e-9);
        assertEquals(1_030, ab.equity(), 1e-9, "the view itself marks both to their latest closes");
        assertEquals(1_000, snap.of("SOL", null), 1e-9, "a symbol not held: the snapshot");
    }

    @Test
    void aPositionWithNoCloseToMarkItFromIsReadAgain() {
        AccountView v = new AccountView();
        v.read(Map.of("BTC", BigDecimal.ONE), s -> new LiveEngine.Holding(100, 95, 110), 1_000, false);
        assertEquals(NO_MARK, v.onBar("BTC", 0, H, 99, 101, 100));
    }

    @Test
    void theViewIsReadAgainAfterADayOfCloseTimesWhateverHappened() {
        AccountView v = new AccountView();
        v.onBar("BTC", 0, H, 99, 101, 100);
        v.read(Map.of(), s -> null, 1_000, false);
        for (int i = 2; i <= AccountView.REFRESH_CLOSES; i++) {
            v.onBar("BTC", (i - 1) * H, i * H, 99, 101, 100);
            v.onBar("ETH", (i - 1) * H, i * H, 9, 11, 10); // the same close time counts once
            assertFalse(v.refreshDue(), "close " + i);
        }
        v.onBar("BTC", AccountView.REFRESH_CLOSES * H, (AccountView.REFRESH_CLOSES + 1) * H, 99, 101, 100);
        assertTrue(v.refreshDue());
        v.read(Map.of(), s -> null, 1_000, false);
        assertFalse(v.refreshDue());
    }

    @Test
    void aVenueEquityThatIsNotANumberIsRefused() {
        AccountView v = new AccountView();
        assertThrows(IllegalArgumentException.class, () -> v.read(Map.of(), s -> null, Double.NaN, false));
        assertEquals(FIRST_READ, v.onBar("BTC", 0, H, 99, 101, 100), "and the view still asks for a read");
    }

    @Test
    void stopFillsFromThePrivateStreamSettleAReachedLevelWithoutARead() {
        AccountView v = holding(2, 95, 110);
        v.protectiveFill(new AccountView.ProtectiveFill("BTC", "Sell", 1.5, 95, 0.1, H - 10));
        assertEquals(LEVEL_REACHED, v.onBar("BTC", 0, H, 94, 101, 96), "1.5 of 2 filled: the rest may be on its way");
        AccountView w = holding(2, 95, 110);
        w.protectiveFill(new AccountView.ProtectiveFill("BTC", "Sell", 1.5, 95, 0.1, H - 10));
        w.protectiveFill(new AccountView.ProtectiveFill("BTC", "Sell", 0.5, 94.9, 0.05, H - 5));
        assertNull(w.onBar("BTC", 0, H, 94, 101, 96), "the whole position closed at its stop: flat, no read");
        assertEquals(1_000 + 1.5 * (95 - 100) + 0.5 * (94.9 - 100) - 0.15, w.equity(), 1e-9, "the realized loss and the fees, no longer marked to the close");
        assertNull(w.onBar("BTC", H, 2 * H, 80, 120, 100), "and flat it stays");
        assertEquals(1, w.settledByStream());
        AccountView late = holding(2, 95, 110);
        late.protectiveFill(new AccountView.ProtectiveFill("BTC", "Sell", 2, 95, 0.1, 2 * H + 5_000));
        assertEquals(LEVEL_REACHED, late.onBar("BTC", 0, H, 94, 101, 96), "a fill stamped outside the bar is not this bar's");
        AccountView wrong = holding(2, 95, 110);
        wrong.protectiveFill(new AccountView.ProtectiveFill("BTC", "Buy", 2, 95, 0.1, H - 10));
        assertEquals(LEVEL_REACHED, wrong.onBar("BTC", 0, H, 94, 101, 96), "a buy does not close a long");
        AccountView before = holding(2, 95, 110);
        before.protectiveFill(new AccountView.ProtectiveFill("BTC", "Sell", 2, 95, 0.1, H - 10));
        before.read(Map.of("BTC", BigDecimal.valueOf(2)), s -> new LiveEngine.Holding(100, 95, 110), 1_000, false);
        assertEquals(LEVEL_REACHED, before.onBar("BTC", 0, H, 94, 101, 96), "fills heard before a read are in it, not in the next bar");
        assertThrows(IllegalArgumentException.class, () -> new AccountView.ProtectiveFill("BTC", "Hold", 1, 95, 0, 0));
    }
}
