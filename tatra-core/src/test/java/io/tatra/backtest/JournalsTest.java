package io.tatra.backtest;

import io.tatra.trading.Trade;
import io.tatra.trading.SignalStrategy;
import io.tatra.TatraException;
import io.tatra.decision.Action;
import io.tatra.decision.TradeDecision;
import io.tatra.features.MarketFrame;
import io.tatra.journal.Decision;
import io.tatra.journal.JournalReader;
import io.tatra.journal.Outcome;
import io.tatra.journal.Signal;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.tatra.backtest.BacktesterTest.*;
import static org.junit.jupiter.api.Assertions.*;

class JournalsTest {
    @Test
    void decisionsAndOutcomesRoundTripThroughTheJournal(@TempDir Path dir) {
        BarSeries b = bars(S, Interval.H1, T0, FOUR);
        TradeDecision[] d = new TradeDecision[4];
        d[0] = new TradeDecision(Action.LONG, 0.7, 0.5, 0.02, 0.03, 1, "all agree", Map.of("p_up", 0.6));
        d[2] = new TradeDecision(Action.FLAT, 0.2, 0, 0.02, 0.03, 0.3, "contradiction", Map.of("p_up", 0.4));
        String[] ids = {Journals.id(S, T0), null, Journals.id(S, T0 + 2 * H), null};
        BacktestResult r = new Backtester(BacktestConfig.defaults()).run(List.of(MarketFrame.of(b)),
                new SignalStrategy(Map.of(S, d), Map.of(S, ids)));
        Journals.write(dir, Map.of(S, b), Map.of(S, d), r.trades());
        var decisions = JournalReader.read(dir.resolve("decisions.jsonl"), Decision.class);
        assertTrue(decisions.clean(), decisions.problems().toString());
        assertEquals(2, decisions.records().size());
        Decision first = decisions.records().get(0);
        assertEquals(ids[0], first.id());
        assertEquals(Signal.BUY, first.signal());
        assertEquals(100, first.price(), 1e-12, "the decision bar's close");
        assertEquals(0.6, first.features().get("p_up"));
        var outcomes = JournalReader.read(dir.resolve("outcomes.jsonl"), Outcome.class);
        assertEquals(1, outcomes.records().size());
        Outcome o = outcomes.records().get(0);
        Trade t = r.trades().get(0);
        assertEquals(ids[0], o.decisionId(), "the trade is linked to the decision that opened it");
        assertEquals(t.pnl(), o.profitLoss(), 1e-12);
        assertEquals(t.entryPrice(), o.entryPrice(), 1e-12);
        assertTrue(o.win5m() && o.win30m(), "bar 1 closed at 101 above the entry 100.02");
    }

    @Test
    void trialLogSurvivesATornLineAndKeepsAppendingOnItsOwnLines(@TempDir Path dir) throws Exception {
        TrialLog log = new TrialLog(dir.resolve("trials.jsonl"));
        assertTrue(log.read().trials().isEmpty());
        log.append(new TrialLog.Trial("2024-01-01T00:00:00Z", "a", 0.01, 100));
        log.append(new TrialLog.Trial("2024-01-01T00:00:01Z", "b", Double.NaN, 100));
        assertEquals(2, log.read().trials().size());
        assertEquals(List.of(0.01), TrialLog.sharpes(log.read().trials()));
        log.append(new TrialLog.Trial("2024-01-01T00:00:02Z", "a", 0.02, 100));
        assertEquals(List.of(0.02), TrialLog.sharpes(log.read().trials()), "a re-run of variant a replaces it; it is not a new trial");
        // a crash mid-append leaves a torn line: the next append starts on a line of its own, and reading skips the torn one
        Files.writeString(dir.resolve("trials.jsonl"), "{\"torn\": tru", java.nio.file.StandardOpenOption.APPEND);
        TrialLog.Read torn = log.read();
        assertEquals(3, torn.trials().size());
        assertEquals(1, torn.problems().size());
        assertEquals(io.tatra.journal.JournalReader.Problem.TORN_TAIL, torn.problems().get(0).problem());
        log.append(new TrialLog.Trial("2024-01-01T00:00:03Z", "c", 0.03, 100));
        TrialLog.Read after = log.read();
        assertEquals(4, after.trials().size(), "the new trial is not glued onto the torn line");
        assertEquals("c", after.trials().get(3).variant());
        assertEquals(4, after.problems().get(0).line());
        assertEquals(io.tatra.journal.JournalReader.Problem.CORRUPT_LINE, after.problems().get(0).problem());
        assertEquals(List.of(0.02, 0.03), TrialLog.sharpes(after.trials()));
    }

    @Test
    void fundingFilesAreReadAndBadLinesRefusedWithTheirPlace(@TempDir Path dir) throws Exception {
        Path f = FundingCsv.file(dir, S);
        Files.writeString(f, "timestamp,funding_rate\n2024-01-01T00:00:00Z,0.0001\n2024-01-01T08:00:00Z,-0.00005\n");
        var rates = FundingCsv.read(f, S);
        assertEquals(2, rates.size());
        assertEquals(-0.00005, rates.get(1).rate());
        Files.writeString(f, "timestamp,funding_rate\n2024-01-01T08:00:00Z,0.0001\n2024-01-01T00:00:00Z,0.0001\n");
        TatraException e = assertThrows(TatraException.class, () -> FundingCsv.read(f, S));
        assertTrue(e.getMessage().contains(":3:") && e.getMessage().contains("not after"), e.getMessage());
        Files.writeString(f, "timestamp,funding_rate\n2024-01-01T00:00:00Z,1.5\n");
        e = assertThrows(TatraException.class, () -> FundingCsv.read(f, S));
        assertTrue(e.getMessage().contains(":2:") && e.getMessage().contains("fraction"), e.getMessage());
    }
}
