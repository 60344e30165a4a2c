package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.backtest.CostConfig;
import io.tatra.decision.CostAwareConfig;
import io.tatra.decision.FusionConfig;
import io.tatra.decision.FusionPolicy;
import io.tatra.decision.RuleBasedFusion;
import io.tatra.model.io.ModelCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** A cost-aware policy fitted once (a paper run fits it before its rehearsal) is handed back for its model, and only for it. */
class PolicySpecTest {
    @TempDir
    Path dir;

    @Test
    void aPolicyFittedForAModelIsHandedBackForThatModelOnly() {
        FusionPolicy fitted = new RuleBasedFusion(FusionConfig.defaults());
        Path model = dir.resolve("model"), other = dir.resolve("other");
        PolicySpec spec = PolicySpec.costAware(FusionConfig.defaults(), new CostAwareConfig(0.5, 0, 3), CostConfig.bybitLinear(), dir.resolve("no-store"), null)
                .withFitted(model, fitted);
        // a card without label settings: fitting it would fail at once
        ModelCard card = new ModelCard("tatra-model/1", "unified", null, null, null, null, null, 96, null, "1h", null, null, null, null, null,
                null, null, null, null, null, null, null, null);
        assertSame(fitted, spec.fit(model, card, line -> fail("fitted again: " + line)));
        assertSame(fitted, spec.withPpoPolicy(dir.resolve("ppo")).fit(model, card, line -> fail("fitted again: " + line)), "a PPO policy beside it keeps it");
        TatraException e = assertThrows(TatraException.class, () -> spec.fit(other, card, line -> {}));
        assertTrue(e.getMessage().contains("no label settings"), "another model is fitted for itself: " + e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> spec.withFitted(model, null));
    }
}
