package io.tatra.app;

import io.tatra.decision.HeadOutputs;
import io.tatra.decision.ensemble.Vote;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class EnsembleServiceTest {
    static HeadOutputs out(double up, double down) { return new HeadOutputs(new double[]{down, 1 - up - down, up}, 0.005, new double[]{0.3, 0.3, 0.4}, 0, 4); }

    @Test
    void aModelVotesItsLikelierMoveWithThatMovesShare() {
        Vote v = EnsembleService.vote("m", out(0.45, 0.15));
        assertEquals(1, v.side());
        assertEquals(0.75, v.confidence(), 1e-12);
        Vote s = EnsembleService.vote("m", out(0.10, 0.30));
        assertEquals(-1, s.side());
        assertEquals(0.75, s.confidence(), 1e-12);
        Vote none = EnsembleService.vote("m", out(0.2, 0.2));
        assertEquals(0, none.side());
        assertEquals(0.5, none.confidence());
    }

    @Test
    void theWinMemberGivesTheTimingSidesProbabilityOrTheOtherSidesWhenLikelier() {
        Vote agrees = EnsembleService.winVote(out(0.36, 0.24), 1);
        assertEquals(1, agrees.side());
        assertEquals(0.6, agrees.confidence(), 1e-12);
        Vote against = EnsembleService.winVote(out(0.36, 0.24), -1);
        assertEquals(1, against.side(), "P(win) of a short is 0.4: the member votes long at 0.6");
        assertEquals(0.6, against.confidence(), 1e-12);
    }

    @Test
    void theTimingMembersRiskRanksEachWindowsVolatilityAmongItsSymbolsEarlierWindowsOnly() {
        java.util.function.DoubleFunction<HeadOutputs> vol = v -> new HeadOutputs(new double[]{0.3, 0.3, 0.4}, v, new double[]{0.3, 0.3, 0.4}, 0, 4);
        // two symbols, their windows interleaved and out of row order in the list
        var w = java.util.List.of(new io.tatra.dataset.Dataset.Sample(0, 12), new io.tatra.dataset.Dataset.Sample(1, 10), new io.tatra.dataset.Dataset.Sample(0, 10),
                new io.tatra.dataset.Dataset.Sample(0, 11), new io.tatra.dataset.Dataset.Sample(1, 11));
        var o = java.util.List.of(vol.apply(0.03), vol.apply(0.5), vol.apply(0.01), vol.apply(0.02), vol.apply(0.4));
        double[] r = EnsembleService.riskScores(w, o);
        assertTrue(Double.isNaN(r[2]) && Double.isNaN(r[1]), "each symbol's first window has no reference");
        assertEquals(1.0, r[3], "0.02 above the one window before (0.01)");
        assertEquals(1.0, r[0], "0.03 above 0.01 and 0.02; symbol 1's 0.5 never counts for symbol 0");
        assertEquals(0.0, r[4], "0.4 below symbol 1's earlier 0.5");
        Vote v = EnsembleService.vote("timing", out(0.45, 0.15), 0.8);
        assertEquals(0.8, v.risk());
        assertTrue(Double.isNaN(EnsembleService.vote("m", out(0.45, 0.15)).risk()));
    }
}
