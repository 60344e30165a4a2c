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
}
