package io.tatra.model.train;

import ai.djl.nn.Parameter;
import io.tatra.dataset.Dataset;
import io.tatra.dataset.Fold;
import io.tatra.features.Feature;
import io.tatra.model.TatraModel;
import io.tatra.model.TestData;
import io.tatra.model.nn.ModelConfig;
import io.tatra.model.nn.Torch;
import io.tatra.model.pretrain.Objective;
import io.tatra.model.pretrain.PretrainConfig;
import io.tatra.model.pretrain.Pretrainer;
import io.tatra.model.task.Task;
import io.tatra.model.task.Tasks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class HeadAndPretrainTest {
    static final ModelConfig TINY = ModelConfig.tiny(96, Feature.COUNT);
    static Dataset ds;

    @BeforeAll
    static void data() {
        Torch.configure(1, 1);
        ds = TestData.small();
    }

    @Test
    void newHeadTrainsOnAFrozenEncoderThatReallyStaysFrozen() {
        Task win = Tasks.WIN;
        Samples train = Samples.of(ds, 0, ds.samples(0, Fold.Part.TRAIN)).labelled(List.of(win));
        Samples val = Samples.of(ds, 0, ds.samples(0, Fold.Part.VALIDATION)).labelled(List.of(win));
        try (TatraModel m = TatraModel.create(TINY, Tasks.CORE, 3)) {
            List<float[]> before = values(m.encoderParameters());
            m.addHead(win, io.tatra.model.task.TargetScale.IDENTITY, 77);
            List<float[]> headBefore = values(m.headParameters("win"));
            HeadTrainer.Result r = HeadTrainer.train(m, win, train, val, new TrainConfig(Balance.EW, 3, 32, 1e-2, 0, 3, 0, 1.0, 5), null);
            List<float[]> after = values(m.encoderParameters());
            for (int i = 0; i < before.size(); i++) assertArrayEquals(before.get(i), after.get(i), "encoder parameter " + i + " moved");
            List<float[]> headAfter = values(m.headParameters("win"));
            boolean moved = false;
            for (int i = 0; i < headBefore.size(); i++) moved |= !java.util.Arrays.equals(headBefore.get(i), headAfter.get(i));
            assertTrue(moved, "the new head did not train");
            assertTrue(r.epochs().get(0).validationTotal() < 0.75, "win-probability log-loss " + r.epochs().get(0).validationTotal());
            for (Parameter p : m.encoderParameters()) assertFalse(p.getArray().hasGradient(), p.getName() + " still tracks gradients");
        }
    }

    @Test
    void eachPretrainingObjectiveLowersItsLossAndMovesTheEncoder() {
        Samples train = Samples.of(ds, 0, ds.samples(0, Fold.Part.TRAIN));
        try (TatraModel m = TatraModel.create(TINY, List.of(), 3)) {
            List<float[]> before = values(m.encoderParameters());
            PretrainConfig cfg = new PretrainConfig(EnumSet.allOf(Objective.class), 3, 32, 3e-3, 15, 0.15, 0.2, 48, 4);
            List<Pretrainer.EpochLoss> log = new Pretrainer(m, cfg).train(train, null);
            for (String o : List.of("masked", "contrastive", "order")) {
                double first = log.get(0).losses().get(o), last = log.get(2).losses().get(o);
                assertTrue(last < first, o + " loss did not fall: " + first + " -> " + last);
            }
            List<float[]> after = values(m.encoderParameters());
            boolean moved = false;
            for (int i = 0; i < before.size(); i++) moved |= !java.util.Arrays.equals(before.get(i), after.get(i));
            assertTrue(moved);
        }
        assertThrows(IllegalArgumentException.class, () -> Objective.parse("masked,jigsaw"));
        assertEquals(EnumSet.of(Objective.MASKED, Objective.ORDER), Objective.parse("order, masked"));
    }

    static List<float[]> values(List<Parameter> ps) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : ps) out.add(p.getArray().toFloatArray());
        return out;
    }
}
