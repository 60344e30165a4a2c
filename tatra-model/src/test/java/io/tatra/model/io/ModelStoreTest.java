package io.tatra.model.io;

import io.tatra.TatraException;
import io.tatra.dataset.Dataset;
import io.tatra.dataset.Fold;
import io.tatra.features.Feature;
import io.tatra.forecast.ClassCalibration;
import io.tatra.forecast.CoreTasks;
import io.tatra.model.TatraModel;
import io.tatra.model.eval.ModelForecaster;
import io.tatra.model.eval.ModelPredictions;
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
                "2020-01-01", "2020-04-01", "2020-04-10", "2020-05-01", "walk-forward-1", ds.normalizations().get(0).fittedOn(), Map.of("epochs", 3), Map.of("direction_log_loss", 1.05), null, null);
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
    void aHeadsCalibrationIsSavedLoadedAndAppliedByEveryConsumer() {
        Torch.configure(1, 1);
        Dataset ds = TestData.small();
        Samples test = Samples.of(ds, 0, ds.samples(0, Fold.Part.TEST).subList(0, 12));
        ClassCalibration c = new ClassCalibration(0.4, new double[]{0.3, 0, -0.3});
        try (TatraModel m = TatraModel.create(ModelConfig.tiny(96, Feature.COUNT), Tasks.CORE, 5)) {
            assertThrows(IllegalArgumentException.class, () -> m.setCalibration("volatility", c), "a regression head takes no class calibration");
            assertThrows(IllegalArgumentException.class, () -> m.setCalibration("direction", ClassCalibration.identity(2)));
            m.setCalibration("direction", c);
            ModelStore.save(dir, m, card(ds, m), ds.normalizations().get(0));
            double[] raw = ClassCalibration.softmaxRows(Inference.outputs(m, test, 16).get("direction"), 3);
            try (ModelStore.Loaded l = ModelStore.load(dir, ds.schemaHash())) {
                assertEquals(c, l.model().calibration("direction"));
                assertNull(l.model().calibration("regime"), "an uncalibrated head stays uncalibrated");
                double[] batch = ModelPredictions.of(l.model(), test).array(CoreTasks.DIRECTION);
                assertArrayEquals(c.applyRows(raw), batch, 1e-9, "batch predictions are calibrated");
                assertFalse(Math.abs(batch[0] - raw[0]) < 1e-6, "and differ from the raw softmax");
                double[] one = new ModelForecaster(l.model()).forecast(test.inputs(new int[]{0})).values(CoreTasks.DIRECTION);
                assertArrayEquals(java.util.Arrays.copyOf(batch, 3), one, 1e-6, "the live forecaster applies the same calibration");
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

    @Test
    void weightsAreVerifiedAgainstTheCardOnLoad() throws Exception {
        Torch.configure(1, 1);
        Dataset ds = TestData.small();
        Path good = dir.resolve("good"), nan = dir.resolve("nan");
        try (TatraModel m = TatraModel.create(ModelConfig.tiny(96, Feature.COUNT), Tasks.CORE, 5)) {
            ModelStore.save(good, m, card(ds, m), ds.normalizations().get(0));
            // one NaN weight (a diverged training run): saved as such, refused at load
            var p = m.encoder().getParameters().get(0).getValue().getArray();
            float[] v = p.toFloatArray();
            v[3] = Float.NaN;
            p.set(v);
            ModelStore.save(nan, m, card(ds, m), ds.normalizations().get(0));
        }
        assertTrue(ModelStore.card(good).files().containsKey("encoder.params") && ModelStore.card(good).files().containsKey("heads/direction.params"));
        try (ModelStore.Loaded l = ModelStore.load(good, ds.schemaHash())) {
            assertEquals(4, l.model().tasks().size());
        }
        TatraException e = assertThrows(TatraException.class, () -> ModelStore.load(nan, ds.schemaHash()));
        assertTrue(e.getMessage().contains("is NaN") && e.getMessage().contains("encoder"), e.getMessage());
        // one flipped byte in a weight file: the checksum says so before any weight is read
        Path enc = good.resolve("encoder.params");
        byte[] b = Files.readAllBytes(enc);
        b[b.length / 2] ^= 1;
        Files.write(enc, b);
        e = assertThrows(TatraException.class, () -> ModelStore.load(good, ds.schemaHash()));
        assertTrue(e.getMessage().contains("encoder.params changed since the model was saved"), e.getMessage());
        b[b.length / 2] ^= 1;
        Files.write(enc, b);
        // an edited window in the card
        Path json = good.resolve("model.json");
        String card = Files.readString(json);
        int at = card.lastIndexOf("\"window\" : 96"); // the card's own window, not the encoder config's
        Files.writeString(json, card.substring(0, at) + "\"window\" : 48" + card.substring(at + "\"window\" : 96".length()));
        e = assertThrows(TatraException.class, () -> ModelStore.load(good, ds.schemaHash()));
        assertTrue(e.getMessage().contains("window 48 disagrees"), e.getMessage());
        Files.writeString(json, card);
        Files.delete(good.resolve("heads/regime.params"));
        e = assertThrows(TatraException.class, () -> ModelStore.load(good, ds.schemaHash()));
        assertTrue(e.getMessage().contains("regime.params is missing"), e.getMessage());
    }
}
