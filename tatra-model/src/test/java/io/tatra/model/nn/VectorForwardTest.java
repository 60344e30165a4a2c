package io.tatra.model.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tatra.model.TatraModel;
import io.tatra.model.eval.ModelForecaster;
import io.tatra.model.task.Task;
import io.tatra.model.task.Tasks;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Vector API path against PyTorch's: the training graph and {@link WindowForward}, at a test's size (every width
 * a partial register: the masked tails) and at the default size (full registers), on perturbed weights.
 */
class VectorForwardTest {
    private static float[] window(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        return x;
    }

    /** Every head's raw outputs through the training graph, for any window size. */
    private static float[] graph(TatraModel m, float[] x) {
        EncoderConfig e = m.config().encoder();
        List<Float> out = new ArrayList<>();
        try (NDManager sub = m.manager().newSubManager()) {
            TatraModel.Forward f = m.forward(sub.create(x, new Shape(1, e.window(), e.features())), false);
            for (Task t : m.tasks()) for (float v : f.outputs().get(t.name()).toFloatArray()) out.add(v);
        }
        float[] a = new float[out.size()];
        for (int i = 0; i < a.length; i++) a[i] = out.get(i);
        return a;
    }

    private static void assertAgrees(TatraModel m, long seed) {
        EncoderConfig e = m.config().encoder();
        try (WindowForward wf = m.windowForward(); VectorForward vf = VectorForward.of(wf)) {
            assertEquals(wf.outputs(), vf.outputs());
            Random r = new Random(seed);
            for (int k = 0; k < 5; k++) {
                float[] x = window(r, e.window() * e.features()), want = graph(m, x), got = vf.forward(x), djl = wf.forward(x);
                assertEquals(want.length, got.length, "one value per head output");
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 2e-5 * Math.max(1, Math.abs(want[i])), "output " + i + " of window " + k + " against the graph");
                    assertEquals(djl[i], got[i], 2e-5 * Math.max(1, Math.abs(djl[i])), "output " + i + " of window " + k + " against WindowForward");
                }
            }
        }
    }

    @Test
    void runsWhereTheTestsRun() {
        assertTrue(VectorForward.available(), "the build passes --add-modules jdk.incubator.vector to every test JVM");
        try (TatraModel m = WindowForwardTest.model(new ModelConfig(EncoderConfig.tiny(24, 16), 8), Tasks.CORE);
             WindowPass p = m.windowPass()) {
            assertInstanceOf(VectorForward.class, p, "the model hands out the Vector API path when it is there");
        }
    }

    @Test
    void equalsPyTorchAtATestsSizeWithTwoLayerHeadsAndTheLastStep() {
        EncoderConfig e = new EncoderConfig(24, 16, 12, 5, 2, 16, 4, 2, 24, 20, 0.1f, true, EncoderKind.ATTENTION);
        List<Task> tasks = List.of(Tasks.DIRECTION, Tasks.VOLATILITY, Tasks.REGIME, Tasks.RETURN, Tasks.PATTERN);
        try (TatraModel m = WindowForwardTest.model(new ModelConfig(e, 8), tasks)) {
            assertAgrees(m, 1);
        }
    }

    @Test
    void equalsPyTorchWithLinearHeadsPoolingOnlyAndOneConvolution() {
        EncoderConfig e = new EncoderConfig(17, 5, 7, 3, 1, 8, 2, 1, 12, 9, 0f, false, EncoderKind.ATTENTION);
        try (TatraModel m = WindowForwardTest.model(new ModelConfig(e, 0), Tasks.CORE)) {
            assertAgrees(m, 2);
        }
    }

    @Test
    void equalsPyTorchAtTheDefaultSize() {
        try (TatraModel m = WindowForwardTest.model(new ModelConfig(EncoderConfig.defaults(96, 64), 64), Tasks.CORE)) {
            assertAgrees(m, 3);
        }
    }

    @Test
    void theForecasterGivesTheSameProbabilitiesEitherWay() {
        try (TatraModel m = WindowForwardTest.model(new ModelConfig(EncoderConfig.defaults(96, 64), 64), Tasks.CORE)) {
            float[] x = window(new Random(4), 96 * 64), raw = graph(m, x);
            double[] p = new ModelForecaster(m).forecast(x).values(Tasks.DIRECTION.spec());
            double z = Math.exp(raw[0]) + Math.exp(raw[1]) + Math.exp(raw[2]);
            for (int c = 0; c < 3; c++) assertEquals(Math.exp(raw[c]) / z, p[c], 1e-5, "direction class " + c);
        }
    }

    @Test
    void refusesAWindowOfTheWrongSizeAndCopiesTheWeights() {
        try (TatraModel m = WindowForwardTest.model(new ModelConfig(EncoderConfig.tiny(24, 16), 8), Tasks.CORE);
             WindowForward wf = m.windowForward(); VectorForward vf = VectorForward.of(wf)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> vf.forward(new float[24 * 16 + 1]));
            assertTrue(e.getMessage().contains("24 × 16"), e.getMessage());
            float[] x = window(new Random(5), 24 * 16), was = vf.forward(x);
            m.encoderParameters().get(m.encoderParameters().size() - 1).getArray().addi(m.manager().create(1f));
            assertArrayEquals(was, vf.forward(x), "built before the change: the old weights");
            float[] first = vf.forward(x);
            first[0] = 1e9f;
            assertArrayEquals(was, vf.forward(x), "each call returns a new array");
        }
    }

    /** Rows of {@code features} values: window i of a series is rows i … i + window − 1. */
    private static float[] windowAt(float[] rows, int i, int window, int features) {
        return java.util.Arrays.copyOfRange(rows, i * features, (i + window) * features);
    }

    private static void slidesBitForBit(EncoderConfig e, long seed) {
        try (TatraModel m = WindowForwardTest.model(new ModelConfig(e, 8), Tasks.CORE); WindowForward wf = m.windowForward();
             VectorForward live = VectorForward.of(wf)) {
            int w = e.window(), f = e.features(), bars = 12;
            Random r = new Random(seed);
            float[] a = window(r, (w + bars) * f), b = window(r, (w + bars) * f);
            for (int i = 0; i < bars; i++) {
                for (float[] series : List.of(a, b)) {             // two symbols, one bar each in turn
                    float[] x = windowAt(series, i, w, f);
                    try (VectorForward fresh = VectorForward.of(wf)) {
                        assertArrayEquals(fresh.forward(x), live.forward(x), "bar " + i + ": shifted rows and the full computation agree to the bit");
                    }
                }
            }
            assertArrayEquals(new long[]{2L * bars - 2, 2}, live.convolutionCounts(), "each symbol's first window in full, every next one shifted");
            float[] again = windowAt(a, bars - 1, w, f);
            live.forward(again);
            assertEquals(3, live.convolutionCounts()[1], "the same window again (a warming pass) is computed in full");
            float[] edited = windowAt(a, bars - 1, w, f);
            edited[3] += 1e-3f;                                     // an old step changed: not this window moved on
            live.forward(windowAt(a, bars - 2, w, f));
            try (VectorForward fresh = VectorForward.of(wf)) {
                assertArrayEquals(fresh.forward(edited), live.forward(edited));
            }
            assertEquals(5, live.convolutionCounts()[1], "a window that differs in an old step is computed in full");
        }
    }

    @Test
    void aSymbolsNextWindowReusesTheConvolutionsBitForBit() {
        slidesBitForBit(new EncoderConfig(24, 16, 12, 5, 2, 16, 4, 2, 24, 20, 0f, true, EncoderKind.ATTENTION), 6);
    }

    @Test
    void aWindowTooShortToShiftTheSecondLayerStillAgrees() {
        // window 7, kernel 5: the first layer keeps rows 2..3, the second has none to keep and is computed in full
        slidesBitForBit(new EncoderConfig(7, 5, 6, 5, 2, 8, 2, 1, 12, 9, 0f, true, EncoderKind.ATTENTION), 7);
    }

    @Test
    void aSecondThreadCallingAtTheSameTimeChangesNoResult() throws InterruptedException {
        EncoderConfig e = new EncoderConfig(24, 16, 12, 5, 2, 16, 4, 2, 24, 20, 0f, true, EncoderKind.ATTENTION);
        try (TatraModel m = WindowForwardTest.model(new ModelConfig(e, 8), Tasks.CORE); WindowForward wf = m.windowForward();
             VectorForward shared = VectorForward.of(wf); VectorForward alone = VectorForward.of(wf)) {
            int w = e.window(), f = e.features(), bars = 200;
            Random r = new Random(8);
            float[] a = window(r, (w + bars) * f), b = window(r, (w + 10) * f);
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicLong passes = new java.util.concurrent.atomic.AtomicLong();
            Thread warmer = new Thread(() -> {                     // as the live engine's warming thread does
                for (int k = 0; !stop.get(); k++) {
                    shared.forward(windowAt(b, k % 10, w, f));
                    passes.incrementAndGet();
                }
            });
            warmer.start();
            try {
                while (passes.get() < 5) Thread.onSpinWait();
                for (int i = 0; i < bars; i++) {
                    float[] x = windowAt(a, i, w, f);
                    assertArrayEquals(alone.forward(x), shared.forward(x), "bar " + i);
                }
            } finally {
                stop.set(true);
                warmer.join();
            }
            assertTrue(passes.get() > 5, "the other thread ran beside: " + passes.get());
            assertArrayEquals(new long[]{bars - 1, 1}, shared.convolutionCounts(), "this thread's windows slid; the other thread kept its own");
        }
    }

    @Test
    void aDroppedForwardPassIsNotKeptAliveByTheThreadsThatUsedIt() throws InterruptedException {
        java.lang.ref.WeakReference<VectorForward> ref = usedOnThisThreadThenDropped();
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(ref.get(), "a model swapped out (a retrain's promotion) must not stay in the decision thread's map");
    }

    /** In a frame of its own, so that no local of the test's frame still points at it. */
    private static java.lang.ref.WeakReference<VectorForward> usedOnThisThreadThenDropped() {
        try (TatraModel m = WindowForwardTest.model(new ModelConfig(EncoderConfig.tiny(24, 16), 8), Tasks.CORE); WindowForward wf = m.windowForward()) {
            VectorForward used = VectorForward.of(wf);
            used.forward(window(new Random(9), 24 * 16));           // this thread now holds its scratch
            return new java.lang.ref.WeakReference<>(used);
        }
    }
}
