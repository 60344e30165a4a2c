package io.tatra.model.io;

import io.tatra.TatraException;
import io.tatra.dataset.Dataset;
import io.tatra.dataset.Fold;
import io.tatra.features.Feature;
import io.tatra.model.TatraModel;
import io.tatra.model.TestData;
import io.tatra.model.nn.ModelConfig;
import io.tatra.model.nn.Torch;
import io.tatra.model.task.TargetScale;
import io.tatra.model.task.Task;
import io.tatra.model.task.Tasks;
import io.tatra.model.train.Inference;
import io.tatra.model.train.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ModelStoreTest {
    @TempDir Path dir;

    static ModelCard card(Dataset ds, TatraModel m) {
        return new ModelCard(ModelStore.FORMAT, "unified", "2026-11-21T00:00:00Z", Versions.current(), m.config(), List.of(),
                ds.schemaHash(), ds.config().window(), ds.config().labels(), ds.interval().code(), List.of("AAA"), "2020-01-01", "2020-06-01",
                "2020-01-01", "2020-04-01", "2020-04-10", "2020-05-01", "walk-forward-1", ds.normalizations().get(0).fittedOn(), Map.of("epochs", 3), Map.of("direction_log_loss", 1.05), null);
    }

    @Test
    void roundTripGivesIdenticalPredictionsAndProvenance() {
        Torch.configure(1, 1);
        Dataset ds = TestData.small();
        Samples test = Samples.of(ds, 0, ds.samples(0, Fold.Part.TEST).subList(0, 40));
        try (TatraModel m = TatraModel.create(ModelConfig.tiny(96, Feature.COUNT), Tasks.all(), 5)) {
            m.setScale("volatility", new TargetScale(-9.5, 1));
            m.setScale("return", new TargetScale(0.001, 0.02));
            ModelStore.save(dir, m, card(ds, m), ds.normalizations().get(0));
            Map<String, float[]> before = Inference.outputs(m, test, 16);
            try (ModelStore.Loaded l = ModelStore.load(dir, ds.schemaHash())) {
                Map<String, float[]> after = Inference.outputs(l.model(), test, 16);
                for (Task t : Tasks.all()) assertArrayEquals(before.get(t.name()), after.get(t.name()), t.name());
                assertEquals(new TargetScale(-9.5, 1), l.model().scale("volatility"));
                assertEquals(new TargetScale(0.001, 0.02), l.model().scale("return"));
                assertEquals(ds.config().labels(), l.card().labels());
                assertEquals(m.config(), l.card().config());
                assertEquals(1.05, l.card().metrics().get("direction_log_loss"));
                assertArrayEquals(ds.normalizations().get(0).center(), l.normalization().center());
                assertTrue(l.card().versions().get("djl").startsWith("0.35"), l.card().versions().toString());
            }
        }
    }

    @Test
    void schemaMismatchAndDamageAreRefusedClearly() throws Exception {
        Torch.configure(1, 1);
        Dataset ds = TestData.small();
        try (TatraModel m = TatraModel.create(ModelConfig.tiny(96, Feature.COUNT), Tasks.CORE, 5)) {
            ModelStore.save(dir, m, card(ds, m), ds.normalizations().get(0));
        }
        TatraException e = assertThrows(TatraException.class, () -> ModelStore.load(dir, "0000aaaa1111bbbb"));
        assertTrue(e.getMessage().contains("feature schema") && e.getMessage().contains("Retrain"), e.getMessage());
        Files.writeString(dir.resolve("heads/regime.params"), "garbage");
        TatraException damaged = assertThrows(TatraException.class, () -> ModelStore.load(dir, ds.schemaHash()));
        assertTrue(damaged.getMessage().contains("regime.params"), damaged.getMessage());
        TatraException none = assertThrows(TatraException.class, () -> ModelStore.load(dir.resolve("nope"), ds.schemaHash()));
        assertTrue(none.getMessage().contains("no model.json"), none.getMessage());
    }
}
