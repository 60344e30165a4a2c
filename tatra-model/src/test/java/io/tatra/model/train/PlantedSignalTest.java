package io.tatra.model.train;

import io.tatra.dataset.Dataset;
import io.tatra.dataset.Fold;
import io.tatra.dataset.SymbolData;
import io.tatra.features.Feature;
import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.Forecasts;
import io.tatra.metrics.Metrics;
import io.tatra.model.TatraModel;
import io.tatra.model.TestData;
import io.tatra.model.eval.ModelPredictions;
import io.tatra.model.nn.ModelConfig;
import io.tatra.model.nn.Torch;
import io.tatra.model.task.Task;
import io.tatra.model.task.Tasks;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The positive control of issue 17: a direction label planted as a linear function of the last step's inputs (the
 * terciles of the decided bar's own return, ret_1) must be learnt, not collapsed to the class prior. A logistic model
 * on the last step reads it perfectly; a network that contains that read-out has no excuse.
 */
class PlantedSignalTest {
    /** A fresh dataset whose direction labels are the terciles of each row's ret_1 (the window's last step). */
    static Dataset planted() {
        Dataset ds = TestData.build(2, 2_500, 17);
        for (SymbolData sd : ds.symbols()) {
            int n = sd.labels().rows();
            double[] r = new double[n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                double v = sd.features()[i * Feature.COUNT + Feature.RET_1.ordinal()];
                if (Double.isFinite(v)) r[k++] = v;
            }
            double[] sorted = Arrays.copyOf(r, k);
            Arrays.sort(sorted);
            double lo = sorted[k / 3], hi = sorted[2 * k / 3];
            for (int i = 0; i < n; i++) {
                if (sd.labels().direction()[i] < 0) continue; // keep the dataset's unlabelled rows unlabelled
                double v = sd.features()[i * Feature.COUNT + Feature.RET_1.ordinal()];
                sd.labels().direction()[i] = (byte) (v < lo ? 0 : v > hi ? 2 : 1);
            }
        }
        return ds;
    }

    static double balancedAccuracy(ModelConfig mc, Dataset ds, long seed) {
        int fold = ds.folds().size() - 1;
        List<Task> tasks = Tasks.CORE;
        Samples train = Samples.of(ds, fold, ds.samples(fold, Fold.Part.TRAIN)).labelled(tasks);
        Samples val = Samples.of(ds, fold, ds.samples(fold, Fold.Part.VALIDATION)).labelled(tasks);
        Samples test = Samples.of(ds, fold, ds.samples(fold, Fold.Part.TEST)).labelled(tasks);
        try (TatraModel m = TatraModel.create(mc, tasks, seed)) {
            for (Task t : tasks) m.setScale(t.name(), train.fitScale(t));
            new MultiTaskTrainer(m, TrainConfig.defaults(Balance.PCGRAD, seed).withEpochs(4).withBatches(60)).train(train, val, e -> {});
            Forecasts p = ModelPredictions.of(m, test);
            double[] d = p.array(CoreTasks.DIRECTION);
            int[] y = new int[test.size()];
            double[] lab = test.labels(Tasks.DIRECTION, test.all());
            for (int i = 0; i < y.length; i++) y[i] = (int) lab[i];
            return Metrics.balancedAccuracy(Metrics.argmax(d, 3), y, 3);
        }
    }

    /** Guards the defaults: the tiny model as {@code ModelConfig.tiny} builds it (the demo's) must read the signal. */
    @Test
    void theDefaultTinyModelLearnsASignalInTheLastStep() {
        Torch.configure(1, 1);
        Dataset ds = planted();
        ModelConfig tiny = ModelConfig.tiny(96, Feature.COUNT);
        assertTrue(tiny.encoder().lastStep(), "the last-step path is on by default");
        double with = balancedAccuracy(tiny, ds, 1);
        double without = balancedAccuracy(new ModelConfig(tiny.encoder().withLastStep(false), tiny.headHidden()), ds, 1);
        System.out.printf("planted last-step signal, tiny model, 4 x 60 batches, PCGrad: balanced accuracy with the last-step path (default) %.3f, "
                + "without %.3f (prior 0.333)%n", with, without);
        assertTrue(with > 0.6, "the default tiny model reads the planted signal: " + with);
    }
}
