package io.tatra.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.tatra.forecast.Forecast;
import io.tatra.forecast.TaskSpec;
import io.tatra.model.TatraModel;
import io.tatra.model.eval.ModelForecaster;
import io.tatra.model.task.Task;
import io.tatra.model.task.Tasks;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The one-window inference path against the training graph, on perturbed weights (LayerNorm's γ and β away from 1 and 0). */
class WindowForwardTest {
    private static final int WINDOW = 24, FEATURES = 16;

    static TatraModel model(ModelConfig c, List<Task> tasks) {
        TatraModel m = TatraModel.create(c, tasks, 5);
        Random r = new Random(9);
        List<Parameter> all = new ArrayList<>(m.encoderParameters());
        for (Task t : tasks) all.addAll(m.headParameters(t.name()));
        for (Parameter p : all) {
            NDArray a = p.getArray();
            float[] noise = new float[(int) a.size()];
            for (int i = 0; i < noise.length; i++) noise[i] = (float) (0.2 * r.nextGaussian());
            try (NDArray n = m.manager().create(noise, a.getShape())) { a.addi(n); }
        }
        return m;
    }

    private static float[] window(Random r) {
        float[] x = new float[WINDOW * FEATURES];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        return x;
    }

    /** Every head's raw outputs, one after the other, through the training graph. */
    static float[] graph(TatraModel m, float[] x) {
        List<Float> out = new ArrayList<>();
        try (NDManager sub = m.manager().newSubManager()) {
            TatraModel.Forward f = m.forward(sub.create(x, new Shape(1, WINDOW, FEATURES)), false);
            for (Task t : m.tasks()) for (float v : f.outputs().get(t.name()).toFloatArray()) out.add(v);
        }
        float[] a = new float[out.size()];
        for (int i = 0; i < a.length; i++) a[i] = out.get(i);
        return a;
    }

    private static void assertSame(TatraModel m, WindowForward wf, long seed) {
        Random r = new Random(seed);
        for (int k = 0; k < 5; k++) {
            float[] x = window(r), want = graph(m, x), got = wf.forward(x);
            assertEquals(want.length, got.length, "one value per head output");
            for (int i = 0; i < want.length; i++)
                assertEquals(want[i], got[i], 2e-5 * Math.max(1, Math.abs(want[i])), "output " + i + " of window " + k);
        }
    }

    private static EncoderConfig encoder(boolean lastStep) {
        // two convolutions, two attention blocks of 4 heads: every stage the default model has, at a test's size
        return new EncoderConfig(WINDOW, FEATURES, 12, 5, 2, 16, 4, 2, 24, 20, 0.1f, lastStep, EncoderKind.ATTENTION);
    }

    @Test
    void equalsTheTrainingGraphWithTwoLayerHeadsAndTheLastStep() {
        List<Task> tasks = List.of(Tasks.DIRECTION, Tasks.VOLATILITY, Tasks.REGIME, Tasks.RETURN, Tasks.PATTERN);
        try (TatraModel m = model(new ModelConfig(encoder(true), 8), tasks); WindowForward wf = m.windowForward()) {
            assertNotNull(wf);
            assertEquals(3 + 1 + 3 + 1 + Tasks.PATTERN.outputs(), wf.outputs());
            assertSame(m, wf, 1);
        }
    }

    @Test
    void equalsTheTrainingGraphWithLinearHeadsAndPoolingOnly() {
        try (TatraModel m = model(new ModelConfig(encoder(false), 0), Tasks.CORE); WindowForward wf = m.windowForward()) {
            assertNotNull(wf);
            assertSame(m, wf, 2);
        }
    }

    @Test
    void forecasterUsesItAndGivesTheGraphsProbabilities() {
        try (TatraModel m = model(new ModelConfig(encoder(true), 8), Tasks.CORE)) {
            ModelForecaster fc = new ModelForecaster(m);
            float[] x = window(new Random(3));
            Forecast f = fc.forecast(x);
            float[] raw = graph(m, x);
            double[] p = f.values(fc.tasks().get(0));
            double z = Math.exp(raw[0]) + Math.exp(raw[1]) + Math.exp(raw[2]);
            for (int c = 0; c < 3; c++) assertEquals(Math.exp(raw[c]) / z, p[c], 1e-5, "direction class " + c);
            TaskSpec vol = fc.tasks().get(1);
            assertTrue(Double.isFinite(f.values(vol)[0]));
        }
    }

    @Test
    void copiesTheWeightsItWasBuiltWith() {
        try (TatraModel m = model(new ModelConfig(encoder(true), 8), Tasks.CORE); WindowForward before = m.windowForward()) {
            float[] x = window(new Random(4));
            float[] was = before.forward(x);
            List<Parameter> enc = m.encoderParameters();
            enc.get(enc.size() - 1).getArray().addi(m.manager().create(1f)); // the representation's bias moves
            assertArrayEquals(was, before.forward(x), "built before the change: the old weights");
            try (WindowForward after = m.windowForward()) {
                assertSame(m, after, 5);
                assertNotEquals(was[0], after.forward(x)[0]);
            }
        }
    }

    @Test
    void lstmEncoderHasNoneAndTheForecasterFallsBack() {
        EncoderConfig lstm = EncoderConfig.tiny(WINDOW, FEATURES).withKind(EncoderKind.LSTM);
        try (TatraModel m = model(new ModelConfig(lstm, 8), Tasks.CORE)) {
            assertNull(m.windowForward());
            float[] x = window(new Random(6));
            double[] p = new ModelForecaster(m).forecast(x).values(Tasks.DIRECTION.spec());
            float[] raw = graph(m, x);
            double z = Math.exp(raw[0]) + Math.exp(raw[1]) + Math.exp(raw[2]);
            assertEquals(Math.exp(raw[0]) / z, p[0], 1e-6);
        }
    }

    @Test
    void refusesAWindowOfTheWrongSize() {
        try (TatraModel m = model(new ModelConfig(encoder(true), 8), Tasks.CORE); WindowForward wf = m.windowForward()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wf.forward(new float[WINDOW * FEATURES - 1]));
            assertTrue(e.getMessage().contains("24 × 16"), e.getMessage());
        }
    }
}
