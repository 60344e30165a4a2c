package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.model.io.ModelCard;
import io.tatra.model.io.ModelRegistry;
import io.tatra.model.io.ModelStore;
import io.tatra.model.nn.Torch;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticMarket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** tatra retrain: the candidate, the comparison on bars neither model saw, the registry's versions, promote and roll back. */
class RetrainServiceTest {
    @TempDir static Path dir;
    static Path home;
    static List<Symbol> symbols;
    static Instant cut;

    @BeforeAll
    static void market() {
        Torch.configure(1, 1);
        SyntheticMarket m = MarketGenerator.generate(SyntheticConfig.defaults(2, 2_000, Interval.H1, 21));
        symbols = List.copyOf(m.series().keySet());
        home = dir.resolve("home");
        TinyModel.store(home, m, symbols, true);
        cut = m.series(symbols.get(0)).openTime(1_300);
    }

    private static Path trainedBefore(String name, Instant to) {
        Path model = dir.resolve(name);
        TinyModel.train(home, symbols, to, 1, 5, model);
        return model;
    }

    @Test
    void aCandidateIsComparedOnUnseenBarsKeptAsAVersionAndPromotedOnlyByTheTest() {
        Path model = trainedBefore("m1", cut);
        ModelCard before = ModelStore.card(model);
        RetrainService.Outcome o = RetrainService.run(RetrainService.Request.of(home, model).withTestBars(300).withTraining(1, 5), line -> {});

        assertTrue(ModelRegistry.isRegistry(model), "the model directory became a registry");
        ModelRegistry.State s = ModelRegistry.read(model);
        assertEquals(List.of("v1", "v2"), s.versions().stream().map(ModelRegistry.Version::id).toList());
        assertEquals(before.createdAt(), ModelStore.card(model.resolve("versions/v1")).createdAt(), "v1 is the model as it was");
        assertEquals("v1", o.current());
        assertEquals("v2", o.candidate());
        // the test period lies after both models' data, past the purge + embargo gap after the current one's
        long gap = DataRequest.of(symbols, Interval.H1).config().split().gap() * Interval.H1.millis();
        assertTrue(Instant.parse(o.testFrom()).toEpochMilli() > Instant.parse(before.seenTo()).toEpochMilli() + gap, o.testFrom() + " vs " + before.seenTo());
        ModelCard cand = ModelStore.card(model.resolve("versions/v2"));
        assertTrue(Instant.parse(cand.seenTo()).isBefore(Instant.parse(o.testFrom())), "the candidate never saw the test bars");
        assertTrue(Instant.parse(cand.seenTo()).isAfter(Instant.parse(before.seenTo())), "the candidate saw newer data than the current model");
        assertEquals(300, o.test().bars(), "one differential per test bar, symbols averaged");
        assertEquals(2 * 300, o.testWindows());
        double[] ll = o.metrics().get("direction_log_loss");
        assertNotNull(ll);
        assertTrue(ll[0] > 0 && ll[1] > 0 && o.priorDirectionLogLoss() > 0);
        assertEquals(ll[1] - ll[0], o.test().meanDiff(), 1e-9, "equal windows per bar: the mean of per-bar means is the mean");
        // the decision follows the test, and the registry follows the decision
        assertEquals(o.test().challengerBetter(0.05), o.promoted());
        assertEquals(o.promoted() ? "v2" : "v1", s.current());
        assertEquals(o.promoted() ? ModelRegistry.Status.PROMOTED : ModelRegistry.Status.REJECTED, s.version("v2").status());
        assertEquals(o.reason(), s.version("v2").comparison().get("decision"));
        // commands reading --model DIR read the current version
        assertEquals(ModelStore.card(model.resolve("versions/" + s.current())).createdAt(), ModelStore.card(model).createdAt());
        // no model is ever written over a registry
        assertThrows(TatraException.class, () -> TinyModel.train(home, symbols, cut, 1, 5, model));
    }

    @Test
    void noPromoteKeepsTheCurrentVersionAndPromoteAndRollbackMoveThePointer() {
        Path model = trainedBefore("m2", cut);
        RetrainService.Outcome o = RetrainService.run(RetrainService.Request.of(home, model).withTestBars(300).withTraining(1, 5).withPromote(false).withSeed(5), line -> {});
        assertFalse(o.promoted());
        assertEquals("v1", ModelRegistry.read(model).current());
        try (ModelRegistry reg = ModelRegistry.open(model)) {
            TatraException busy = assertThrows(TatraException.class, () -> ModelRegistry.open(model));
            assertTrue(busy.getMessage().contains("another retrain"), busy.getMessage());
            reg.makeCurrent("v2", "promote", "by hand");
            assertEquals("v2", ModelRegistry.read(model).current());
            assertEquals("v1", reg.rollback("test"));
            assertEquals("v1", ModelRegistry.read(model).current());
            TatraException none = assertThrows(TatraException.class, () -> reg.rollback("again"));
            assertTrue(none.getMessage().contains("nothing to roll back"), none.getMessage());
            assertThrows(TatraException.class, () -> reg.makeCurrent("v9", "promote", "no such"));
        }
        List<String> actions = ModelRegistry.read(model).history().stream().map(ModelRegistry.Event::action).toList();
        assertEquals(List.of("create", "promote", "rollback"), actions);
    }

    @Test
    void aPaperSessionRetrainsOnTheDataUpToItsClockOnlyAndStaysClean() throws Exception {
        Path model = trainedBefore("m4", cut);
        var bars = io.tatra.synth.MarketGenerator.generate(io.tatra.synth.SyntheticConfig.defaults(2, 2_000, Interval.H1, 21)).series(symbols.get(0));
        Instant from = bars.openTime(1_000), to = bars.openTime(1_900); // the store holds 100 bars more: a retrain must never read them
        Path run = dir.resolve("paper-retrain");
        var fusion = io.tatra.decision.FusionConfig.defaults();
        PaperService.Result r = PaperService.run(new PaperService.Request(home, run, model, symbols, from, to, 0, 10_000, io.tatra.backtest.CostConfig.bybitLinear(), null,
                io.tatra.risk.RiskLimits.defaults(), PolicySpec.rule(fusion), io.tatra.live.KillSwitch.Policy.STOP_OPENING, false, 1,
                new RetrainService.Schedule(150, 100, 0.05, 1, 5)), line -> {});
        assertTrue(r.clean(), "audit " + r.orderAudit() + ", differences " + r.differences());
        List<String> events = Files.readAllLines(run.resolve("events.jsonl"));
        List<String> retrains = events.stream().filter(l -> l.contains("\"kind\":\"retrain\"")).toList();
        List<String> failed = events.stream().filter(l -> l.contains("\"kind\":\"retrain-failed\"")).toList();
        assertFalse(retrains.isEmpty(), "a retrain ran: " + events.stream().filter(l -> l.contains("retrain")).toList());
        assertTrue(failed.stream().allMatch(l -> l.contains("saw data up to")), "early retrains are refused for lack of unseen bars, nothing else: " + failed);
        ModelRegistry.State s = ModelRegistry.read(model);
        assertEquals(1 + retrains.size(), s.versions().size());
        Instant prev = Instant.MIN;
        for (ModelRegistry.Version v : s.versions().subList(1, s.versions().size())) {
            ModelCard c = ModelStore.card(model.resolve("versions/" + v.id()));
            Instant dataTo = Instant.parse(c.dataTo());
            assertFalse(dataTo.isAfter(to), v.id() + " read data up to " + dataTo + ", after the replay's end " + to);
            assertTrue(dataTo.isAfter(prev), "each retrain reads up to a later bar");
            prev = dataTo;
            assertEquals(v.status() == ModelRegistry.Status.PROMOTED, events.stream().anyMatch(l -> l.contains("model-swapped") && l.contains("version " + v.id())),
                    "a promoted version is traded, a rejected one is not");
        }
    }

    @Test
    void refusesWhenTheCurrentModelHasSeenTheTestBars() {
        Path model = trainedBefore("m3", null); // trained on everything: nothing is unseen by it
        TatraException e = assertThrows(TatraException.class, () -> RetrainService.run(RetrainService.Request.of(home, model).withTestBars(300).withTraining(1, 5), line -> {}));
        assertTrue(e.getMessage().contains("saw data up to") && e.getMessage().contains("--test-bars"), e.getMessage());
        assertFalse(Files.exists(model.resolve("versions/v2")), "no candidate was trained");
        assertThrows(TatraException.class, () -> RetrainService.Request.of(home, model).withTestBars(10));
        assertThrows(TatraException.class, () -> RetrainService.Request.of(home, model).withAlpha(0.7));
    }
}
