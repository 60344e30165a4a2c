package io.tatra.app;

import io.tatra.bybit.protocol.OrderLinkId;
import io.tatra.journal.Decision;
import io.tatra.journal.JournalReader;
import io.tatra.journal.JournalWriter;
import io.tatra.journal.Outcome;
import io.tatra.journal.Signal;
import io.tatra.live.FillTrades;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The live journal folder outlives a session: outcomes are paired across sessions, written once, and only for our decisions. */
class LiveOutcomesTest {
    @TempDir Path dir;

    static final Symbol S = Symbol.of("BTCUSDT");
    static final long H = Interval.H1.millis(), T0 = 1_700_000_000_000L / H * H;

    @Test
    void aTradeOpenedInOneSessionAndClosedInTheNextIsJournaledOnceAndOnlyOurs() {
        String d0 = "BTCUSDT-" + T0, d1 = "BTCUSDT-" + (T0 + 5 * H);
        try (JournalWriter<Decision> w = JournalWriter.open(dir.resolve("decisions.jsonl"), Decision.class, JournalWriter.Durability.FLUSH)) {
            w.append(new Decision(d0, Instant.ofEpochMilli(T0 + H), S.value(), Signal.BUY, 100, 0.6, Map.of()));
            w.append(new Decision(d1, Instant.ofEpochMilli(T0 + 6 * H), S.value(), Signal.SELL, 101, 0.6, Map.of()));
        }
        BarSeries.Builder b = BarSeries.builder(S, Interval.H1);
        for (int i = 0; i < 40; i++) b.add(T0 + i * H, 100 + i * 0.1, 101 + i * 0.1, 99 + i * 0.1, 100.5 + i * 0.1, 10);
        Map<Symbol, BarSeries> bars = Map.of(S, b.build());
        String l0 = OrderLinkId.of(d0, 0).value(), l1 = OrderLinkId.of(d1, 0).value();
        // session 1: d0 opened and closed, d1 opened (still open at the end)
        List<FillTrades.Fill> session1 = List.of(
                new FillTrades.Fill(S, l0, 1, 100.5, 1, 0.05, FillTrades.Kind.TRADE, T0 + H + 1_000),
                new FillTrades.Fill(S, "", -1, 101.0, 1, 0.05, FillTrades.Kind.TAKE_PROFIT, T0 + 3 * H),
                new FillTrades.Fill(S, l1, -1, 101.0, 2, 0.05, FillTrades.Kind.TRADE, T0 + 6 * H + 1_000));
        LiveOutcomes.write(dir, session1, bars, true);
        assertEquals(List.of(d0), ids());
        // session 2 sees every listed execution again, d1's stop, and a trade placed by hand on the account
        List<FillTrades.Fill> session2 = new java.util.ArrayList<>(session1);
        session2.add(new FillTrades.Fill(S, "", 1, 101.8, 2, 0.05, FillTrades.Kind.STOP_LOSS, T0 + 9 * H));
        session2.add(new FillTrades.Fill(S, "by-hand-1", 1, 102.0, 3, 0.05, FillTrades.Kind.TRADE, T0 + 20 * H));
        session2.add(new FillTrades.Fill(S, "by-hand-2", -1, 102.5, 3, 0.05, FillTrades.Kind.TRADE, T0 + 21 * H));
        LiveOutcomes.write(dir, session2, bars, true);
        assertEquals(List.of(d0, d1), ids(), "d1 paired across the sessions, d0 not written twice, the manual trade no outcome of ours");
        Outcome o1 = JournalReader.read(dir.resolve("outcomes.jsonl"), Outcome.class).records().get(1);
        assertEquals(101.0, o1.entryPrice(), 1e-12);
        assertEquals(101.8, o1.exitPrice(), 1e-12);
        assertTrue(o1.profitLoss() < 0, "a short stopped out above its entry lost: " + o1);
    }

    private List<String> ids() {
        return JournalReader.read(dir.resolve("outcomes.jsonl"), Outcome.class).records().stream().map(Outcome::decisionId).toList();
    }
}
