package io.tatra.model.train;

import ai.djl.nn.Parameter;
import io.tatra.dataset.Dataset;
import io.tatra.dataset.Fold;
import io.tatra.features.Feature;
import io.tatra.model.TatraModel;
import io.tatra.model.nn.ModelConfig;
import io.tatra.model.nn.Torch;
import io.tatra.model.task.Task;
import io.tatra.model.task.Tasks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TrainerTest {
    static final ModelConfig TINY = ModelConfig.tiny(96, Feature.COUNT);
    static Samples train, validation;

    @BeforeAll
    static void data() {
        Torch.configure(1, 1);
        Dataset ds = io.tatra.model.TestData.small();
        train = Samples.of(ds, 0, ds.samples(0, Fold.Part.TRAIN)).labelled(Tasks.CORE);
        validation = Samples.of(ds, 0, ds.samples(0, Fold.Part.VALIDATION)).labelled(Tasks.CORE);
    }

    static TrainConfig quick(Balance b) { return new TrainConfig(b, 2, 32, 3e-3, 0, 5, 12, 1.0, 9); }

    @ParameterizedTest
    @EnumSource(Balance.class)
    void everyBalancingTrainsAndLowersTheLoss(Balance b) {
        try (TatraModel m = TatraModel.create(TINY, Tasks.CORE, 4)) {
            var before = Inference.losses(m, validation, 256);
            MultiTaskTrainer.Result r = new MultiTaskTrainer(m, quick(b)).train(train, validation, null);
            assertEquals(2, r.epochs().size());
            EpochLog last = r.epochs().get(1);
            assertEquals(4, last.trainLoss().size());
            double sumBefore = before.values().stream().mapToDouble(Double::doubleValue).sum();
            assertTrue(r.bestValidationLoss() < sumBefore, b + ": validation loss " + r.bestValidationLoss() + " not below " + sumBefore);
            if (b == Balance.PCGRAD) assertFalse(Double.isNaN(last.conflictRate()));
            else assertTrue(Double.isNaN(last.conflictRate()));
            double wsum = last.weights().values().stream().mapToDouble(Double::doubleValue).sum();
            if (b == Balance.EW) assertEquals(4, wsum, 1e-9);
            if (b == Balance.GRADNORM || b == Balance.DWA) assertEquals(4, wsum, 1e-6);
        }
    }

    @Test
    void withCalibrationEarlyStoppingCountsClassHeadsAsCalibratedAndLeavesTheModelUncalibrated() {
        try (TatraModel m = TatraModel.create(TINY, Tasks.CORE, 4)) {
            MultiTaskTrainer.Result r = new MultiTaskTrainer(m, quick(Balance.EW).withEpochs(3).withCalibration(true)).train(train, validation, null);
            boolean lower = false;
            for (EpochLog e : r.epochs()) {
                double raw = e.validationLoss().values().stream().mapToDouble(Double::doubleValue).sum();
                assertTrue(e.validationTotal() <= raw + 1e-9, "calibrated direction/regime losses never exceed their raw ones: " + e.validationTotal() + " vs " + raw);
                lower |= e.validationTotal() < raw - 1e-6;
                // the non-class heads count as they are
                double classRaw = e.validationLoss().get("direction") + e.validationLoss().get("regime");
                assertTrue(e.validationTotal() >= raw - classRaw, e.toString());
            }
            assertTrue(lower, "calibration lowered the criterion in some epoch");
            assertNull(m.calibration("direction"), "the trainer only measures; Workflows.train sets the calibration after training");
        }
    }

    @Test
    void oneEvaluationPassGivesTheLossesAndTheOutputsOfTheSeparatePasses() {
        try (TatraModel m = TatraModel.create(TINY, Tasks.CORE, 4)) {
            Inference.Evaluated ev = Inference.evaluate(m, validation, 64);
            var losses = Inference.losses(m, validation, 64);
            var outputs = Inference.outputs(m, validation, 64);
            for (Task t : m.tasks()) {
                assertEquals(losses.get(t.name()), ev.losses().get(t.name()), 1e-12, t.name());
                assertArrayEquals(outputs.get(t.name()), ev.outputs().get(t.name()), t.name());
            }
        }
    }

    @Test
    void sameSeedSameTrainedWeights() {
        float[] a = trainedWeights(21), b = trainedWeights(21);
        assertArrayEquals(a, b);
    }

    private static float[] trainedWeights(long seed) {
        try (TatraModel m = TatraModel.create(TINY, Tasks.CORE, seed)) {
            new MultiTaskTrainer(m, new TrainConfig(Balance.PCGRAD, 1, 16, 1e-3, 1e-4, 2, 4, 1.0, seed)).train(train, validation, null);
            List<Float> all = new ArrayList<>();
            for (Parameter p : m.encoderParameters()) for (float v : p.getArray().toFloatArray()) all.add(v);
            for (Task t : m.tasks()) for (Parameter p : m.headParameters(t.name())) for (float v : p.getArray().toFloatArray()) all.add(v);
            float[] out = new float[all.size()];
            for (int i = 0; i < out.length; i++) out[i] = all.get(i);
            return out;
        }
    }
}
