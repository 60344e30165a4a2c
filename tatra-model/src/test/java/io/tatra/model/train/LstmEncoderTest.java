package io.tatra.model.train;

import io.tatra.dataset.Dataset;
import io.tatra.dataset.SymbolData;
import io.tatra.features.Feature;
import io.tatra.model.TestData;
import io.tatra.model.nn.EncoderKind;
import io.tatra.model.nn.ModelConfig;
import io.tatra.model.nn.Torch;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The LSTM encoder's controls (issue 15): a direction label planted in the window's past — the terciles of the sum of
 * ret_1 over steps t−12 .. t−6, which neither the last step nor the raw last-step path shows — must be learnt; the
 * same labels shuffled across rows must not be.
 */
class LstmEncoderTest {
    static final int FROM = 12, TO = 6;

    /** Direction labels planted from earlier steps of each window; {@code shuffle} permutes them across rows instead. */
    static Dataset planted(boolean shuffle) {
        Dataset ds = TestData.build(2, 2_500, 23);
        Random r = new Random(5);
        for (SymbolData sd : ds.symbols()) {
            int n = sd.labels().rows(), d = Feature.COUNT, ret = Feature.RET_1.ordinal();
            double[] s = new double[n];
            Arrays.fill(s, Double.NaN);
            for (int i = FROM; i < n; i++) {
                double sum = 0;
                for (int k = TO; k <= FROM; k++) sum += sd.features()[(i - k) * d + ret];
                s[i] = sum;
            }
            double[] sorted = Arrays.stream(s).filter(Double::isFinite).sorted().toArray();
            double lo = sorted[sorted.length / 3], hi = sorted[2 * sorted.length / 3];
            byte[] dir = sd.labels().direction();
            for (int i = 0; i < n; i++) {
                if (dir[i] < 0) continue;
                dir[i] = (byte) (!Double.isFinite(s[i]) ? 1 : s[i] < lo ? 0 : s[i] > hi ? 2 : 1);
            }
            if (shuffle) {
                for (int i = n - 1; i > 0; i--) {
                    int j = r.nextInt(i + 1);
                    if (dir[i] < 0 || dir[j] < 0) continue;
                    byte t = dir[i]; dir[i] = dir[j]; dir[j] = t;
                }
            }
        }
        return ds;
    }

    @Test
    void learnsAPatternFromEarlierStepsAndNothingFromShuffledLabels() {
        Torch.configure(1, 1);
        ModelConfig tiny = ModelConfig.tiny(96, Feature.COUNT);
        ModelConfig lstm = new ModelConfig(tiny.encoder().withKind(EncoderKind.LSTM), tiny.headHidden());
        double planted = PlantedSignalTest.balancedAccuracy(lstm, planted(false), 1);
        double shuffled = PlantedSignalTest.balancedAccuracy(lstm, planted(true), 1);
        System.out.printf("LSTM encoder, tiny: balanced accuracy on a pattern 6-12 steps back %.3f, on the same labels shuffled %.3f (prior 0.333)%n", planted, shuffled);
        assertTrue(planted > 0.5, "the LSTM reads the planted past: " + planted);
        assertTrue(shuffled < 0.4, "shuffled labels leave nothing to learn: " + shuffled);
    }

    @Test
    void theDataGateRefusesAnLstmOnTooFewSequencesAndWarnsBelowTheRecommendedAmount() {
        Torch.configure(1, 1);
        ModelConfig tiny = ModelConfig.tiny(96, Feature.COUNT);
        ModelConfig lstm = new ModelConfig(tiny.encoder().withKind(EncoderKind.LSTM), tiny.headHidden());
        Dataset ds = TestData.small();
        int fold = 0; // the first walk-forward fold: its training part is the shortest
        int have = Samples.of(ds, fold, ds.samples(fold, io.tatra.dataset.Fold.Part.TRAIN)).labelled(io.tatra.model.task.Tasks.CORE).size();
        java.util.List<String> log = new java.util.ArrayList<>();
        TrainConfig tc = new TrainConfig(Balance.EW, 1, 32, 3e-3, 1e-4, 2, 2, 1.0, 1);
        if (have < io.tatra.meta.DataSufficiency.LSTM.minimum()) {
            io.tatra.TatraException e = assertThrows(io.tatra.TatraException.class,
                    () -> io.tatra.model.workflow.Workflows.train(ds, fold, io.tatra.model.task.Tasks.CORE, lstm, tc, null, log::add));
            assertTrue(e.getMessage().contains("sequences"), e.getMessage());
        } else {
            try (var t = io.tatra.model.workflow.Workflows.train(ds, fold, io.tatra.model.task.Tasks.CORE, lstm, tc, null, log::add)) {
                assertTrue(log.stream().anyMatch(l -> l.contains("fewer than the 5,000 recommended")), "fold 1 has " + have + " windows: " + log);
            }
        }
    }
}
