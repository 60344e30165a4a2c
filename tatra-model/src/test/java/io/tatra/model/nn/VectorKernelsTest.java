package io.tatra.model.nn;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.tatra.model.nn.VectorKernels.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The kernels' exp, lane sum and GELU, once the JIT has compiled them, against scalar mirrors of the same operations
 * (what the Vector API computes before compilation): equal bit for bit, so a forecast does not depend on the JIT's
 * progress. And exp's accuracy against {@code Math.exp}.
 */
class VectorKernelsTest {
    private static final int N = 4096;

    private static float expMirror(float x) {
        x = Math.min(Math.max(x, EXP_LO), EXP_HI);
        float n = (x * LOG2E + ROUND) - ROUND;
        float r = Math.fma(n, -LN2_HI, x);
        r = Math.fma(n, -LN2_LO, r);
        float y = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(E0, r, E1), r, E2), r, E3), r, E4), r, E5);
        y = Math.fma(y * r, r, r + 1f);
        return y * Float.intBitsToFloat(((int) n + 127) << 23);
    }

    private static float geluMirror(float v) {
        float z = v * (float) Math.sqrt(0.5), az = Math.abs(z);
        float t = 1f / (az * 0.3275911f + 1f);
        float poly = ((((t * 1.061405429f + -1.453152027f) * t + 1.421413741f) * t + -0.284496736f) * t + 0.254829592f) * t;
        float erfAbs = 1f - poly * expMirror(-(az * az));
        float erf = z < 0 ? -erfAbs : erfAbs;
        return v * 0.5f * (erf + 1f);
    }

    private static float[] values(long seed, float from, float to) {
        Random r = new Random(seed);
        float[] x = new float[N];
        for (int i = 0; i < N; i++) x[i] = from + (to - from) * r.nextFloat();
        return x;
    }

    private static float[] vectorExp(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i += L) exp(FloatVector.fromArray(S, x, i)).intoArray(y, i);
        return y;
    }

    @Test
    void expIsItsScalarMirrorBitForBitAndAccurate() {
        float[] x = values(1, -100f, 20f);
        for (int k = 0; k < 300; k++) vectorExp(x); // compiled by now
        float[] y = vectorExp(x);
        for (int i = 0; i < N; i++) {
            assertEquals(Float.floatToIntBits(expMirror(x[i])), Float.floatToIntBits(y[i]), "exp(" + x[i] + ")");
            if (x[i] > -80) assertEquals(Math.exp(x[i]), y[i], 3e-7 * Math.exp(x[i]), "exp(" + x[i] + ") accuracy");
        }
        assertEquals(1f, vectorExp(new float[L])[0], "e^0 exactly");
    }

    @Test
    void lanesSumInAFixedTree() {
        float[] x = values(2, -1e3f, 1e3f);
        for (int k = 0; k < 20_000; k++) sumLanes(FloatVector.fromArray(S, x, (k * L) % (N - L)));
        for (int at = 0; at + L <= N; at += L) {
            float[] w = java.util.Arrays.copyOfRange(x, at, at + L);
            for (int s = L / 2; s >= 1; s /= 2) {
                float[] next = new float[L];
                for (int i = 0; i < L; i++) next[i] = w[i] + w[(i + s) % L];
                w = next;
            }
            assertEquals(Float.floatToIntBits(w[0]), Float.floatToIntBits(sumLanes(FloatVector.fromArray(S, x, at))), "lanes at " + at);
        }
    }

    @Test
    void geluIsItsScalarMirrorBitForBit() {
        float[] x = values(3, -12f, 12f), y = x.clone();
        for (int k = 0; k < 300; k++) gelu(x.clone(), N - 3);
        gelu(y, N - 3);                                   // the last three: the masked tail's path, then untouched
        for (int i = 0; i < N - 3; i++) assertEquals(Float.floatToIntBits(geluMirror(x[i])), Float.floatToIntBits(y[i]), "gelu(" + x[i] + ")");
        for (int i = N - 3; i < N; i++) assertEquals(x[i], y[i], "past n: left alone");
        assertEquals(0f, geluMirror(0f));
        assertEquals(3f, geluMirror(3f), 0.01f);
    }
}
