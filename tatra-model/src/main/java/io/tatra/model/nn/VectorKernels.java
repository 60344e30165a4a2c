package io.tatra.model.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The arithmetic of {@link VectorForward} on plain {@code float[]} row-major matrices with the JDK's Vector API (one
 * SIMD register per step, the platform's widest: 16 floats with AVX-512, 8 with AVX2): a register-blocked matrix
 * product, GELU, LayerNorm and a row softmax. Every width may be any size (the last, partial register is masked).
 * Loaded only when the {@code jdk.incubator.vector} module is present ({@link VectorForward#available()}).
 *
 * <p><b>Deterministic</b>: only operations IEEE 754 defines exactly (add, multiply, fused multiply-add, divide, min,
 * max, compare, bit moves), so a result does not depend on whether the JIT has compiled the code yet. The Vector API's
 * own {@code EXP} (Intel's SVML once compiled, {@code Math.exp} before) and {@code reduceLanes(ADD)} (order left to the
 * platform) are not, and are replaced here by {@link #exp} and {@link #sumLanes} ({@code VectorKernelsTest} holds them
 * to a scalar mirror, bit for bit).
 */
final class VectorKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    // Abramowitz & Stegun 7.1.26: erf(x) = 1 − (a1·t + … + a5·t⁵)·e^(−x²), t = 1/(1 + p·|x|); |error| ≤ 1.5e-7
    private static final float P = 0.3275911f, A1 = 0.254829592f, A2 = -0.284496736f, A3 = 1.421413741f, A4 = -1.453152027f, A5 = 1.061405429f;
    private static final float SQRT_HALF = (float) Math.sqrt(0.5);
    // exp (Cephes' expf): x = n·ln2 + r, |r| ≤ ln2/2, e^r by a degree-6 polynomial, 2^n by the exponent bits
    static final float EXP_LO = -87f, EXP_HI = 88f, LOG2E = 1.44269504088896341f, ROUND = 12582912f; // 1.5·2^23
    static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    static final float E0 = 1.9875691500e-4f, E1 = 1.3981999507e-3f, E2 = 8.3334519073e-3f, E3 = 4.1665795894e-2f,
            E4 = 1.6666665459e-1f, E5 = 5.0000001201e-1f;
    private static final VectorShuffle<Float> ROT1 = rotation(1), ROT2 = rotation(2), ROT4 = rotation(4), ROT8 = rotation(8),
            ROT16 = rotation(16), ROT32 = rotation(32);

    private VectorKernels() {}

    /**
     * {@code c[i, j] = bias[j] (+ bias2[i, j]) + Σ_p a[i, p] · w[p, j]} for {@code i < m, j < n, p < k}; each matrix is
     * given by its array, its first element and its row stride. {@code bias} may be null (no bias), {@code bias2} a
     * whole matrix of biases with row stride {@code n} (or null). Rows are taken four at a time so that a loaded row of
     * {@code w} serves four accumulators.
     */
    static void matmul(float[] a, int aOff, int lda, int m, int k, float[] w, int wOff, int ldw, int n,
                       float[] bias, float[] bias2, float[] c, int cOff, int ldc) {
        int j = 0;
        for (; j + L <= n; j += L) full(a, aOff, lda, m, k, w, wOff, ldw, n, bias, bias2, c, cOff, ldc, j);
        if (j < n) tail(a, aOff, lda, m, k, w, wOff, ldw, n, bias, bias2, c, cOff, ldc, j);
    }

    /** Columns {@code [j, j + L)} of the product, no lane masked (a mask crossing a call would be boxed). */
    private static void full(float[] a, int aOff, int lda, int m, int k, float[] w, int wOff, int ldw, int n,
                             float[] bias, float[] bias2, float[] c, int cOff, int ldc, int j) {
        FloatVector b = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, j);
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            FloatVector c0 = b, c1 = b, c2 = b, c3 = b;
            if (bias2 != null) {
                int r = i * n + j;
                c0 = b.add(FloatVector.fromArray(S, bias2, r));
                c1 = b.add(FloatVector.fromArray(S, bias2, r + n));
                c2 = b.add(FloatVector.fromArray(S, bias2, r + 2 * n));
                c3 = b.add(FloatVector.fromArray(S, bias2, r + 3 * n));
            }
            int a0 = aOff + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, wp = wOff + j;
            for (int p = 0; p < k; p++, wp += ldw) {
                FloatVector wv = FloatVector.fromArray(S, w, wp);
                c0 = wv.fma(FloatVector.broadcast(S, a[a0 + p]), c0);
                c1 = wv.fma(FloatVector.broadcast(S, a[a1 + p]), c1);
                c2 = wv.fma(FloatVector.broadcast(S, a[a2 + p]), c2);
                c3 = wv.fma(FloatVector.broadcast(S, a[a3 + p]), c3);
            }
            int o = cOff + i * ldc + j;
            c0.intoArray(c, o);
            c1.intoArray(c, o + ldc);
            c2.intoArray(c, o + 2 * ldc);
            c3.intoArray(c, o + 3 * ldc);
        }
        for (; i < m; i++) {
            FloatVector acc = bias2 == null ? b : b.add(FloatVector.fromArray(S, bias2, i * n + j));
            int ai = aOff + i * lda, wp = wOff + j;
            for (int p = 0; p < k; p++, wp += ldw) acc = FloatVector.fromArray(S, w, wp).fma(FloatVector.broadcast(S, a[ai + p]), acc);
            acc.intoArray(c, cOff + i * ldc + j);
        }
    }

    /** The last, partial columns {@code [j, n)}, one row at a time with masked loads and stores. */
    private static void tail(float[] a, int aOff, int lda, int m, int k, float[] w, int wOff, int ldw, int n,
                             float[] bias, float[] bias2, float[] c, int cOff, int ldc, int j) {
        VectorMask<Float> mask = S.indexInRange(j, n);
        FloatVector b = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, j, mask);
        for (int i = 0; i < m; i++) {
            FloatVector acc = bias2 == null ? b : b.add(FloatVector.fromArray(S, bias2, i * n + j, mask));
            int ai = aOff + i * lda, wp = wOff + j;
            for (int p = 0; p < k; p++, wp += ldw) acc = FloatVector.fromArray(S, w, wp, mask).fma(FloatVector.broadcast(S, a[ai + p]), acc);
            acc.intoArray(c, cOff + i * ldc + j, mask);
        }
    }

    /** {@code x[i] = gelu(x[i])} for {@code i < n}, the exact (erf) form PyTorch's default GELU computes. */
    static void gelu(float[] x, int n) { gelu(x, 0, n); }

    /** {@code x[i] = gelu(x[i])} for {@code from ≤ i < to}. */
    static void gelu(float[] x, int from, int to) {
        int n = to, i = from;
        for (; i + L <= n; i += L) gelu(FloatVector.fromArray(S, x, i)).intoArray(x, i);
        if (i < n) {
            VectorMask<Float> mask = S.indexInRange(i, n);
            gelu(FloatVector.fromArray(S, x, i, mask)).intoArray(x, i, mask);
        }
    }

    private static FloatVector gelu(FloatVector v) {
        FloatVector z = v.mul(SQRT_HALF), az = z.abs();
        FloatVector t = FloatVector.broadcast(S, 1f).div(az.mul(P).add(1f));
        FloatVector poly = t.mul(A5).add(A4).mul(t).add(A3).mul(t).add(A2).mul(t).add(A1).mul(t);
        FloatVector erfAbs = FloatVector.broadcast(S, 1f).sub(poly.mul(exp(az.mul(az).neg())));
        FloatVector erf = erfAbs.blend(erfAbs.neg(), z.compare(VectorOperators.LT, 0f));
        return v.mul(0.5f).mul(erf.add(1f));
    }

    /** LayerNorm over each of {@code m} rows of width {@code n} (biased variance, ε as PyTorch's default) into {@code out}. */
    static void layerNorm(float[] x, int m, int n, float[] gamma, float[] beta, float eps, float[] out) {
        int full = n - n % L;
        VectorMask<Float> tail = S.indexInRange(full, n);
        for (int r = 0, o = 0; r < m; r++, o += n) {
            FloatVector s = FloatVector.zero(S);
            for (int j = 0; j < full; j += L) s = s.add(FloatVector.fromArray(S, x, o + j));
            if (full < n) s = s.add(FloatVector.fromArray(S, x, o + full, tail));
            float mean = sumLanes(s) / n;
            FloatVector q = FloatVector.zero(S);
            for (int j = 0; j < full; j += L) {
                FloatVector d = FloatVector.fromArray(S, x, o + j).sub(mean);
                q = d.fma(d, q);
            }
            if (full < n) {
                FloatVector d = FloatVector.fromArray(S, x, o + full, tail).sub(mean).blend(0f, tail.not());
                q = d.fma(d, q);
            }
            float inv = (float) (1 / Math.sqrt(sumLanes(q) / n + eps));
            for (int j = 0; j < full; j += L)
                FloatVector.fromArray(S, x, o + j).sub(mean).mul(inv)
                        .fma(FloatVector.fromArray(S, gamma, j), FloatVector.fromArray(S, beta, j)).intoArray(out, o + j);
            if (full < n)
                FloatVector.fromArray(S, x, o + full, tail).sub(mean).mul(inv)
                        .fma(FloatVector.fromArray(S, gamma, full, tail), FloatVector.fromArray(S, beta, full, tail)).intoArray(out, o + full, tail);
        }
    }

    /**
     * Each of {@code m} rows of width {@code n}, in place, to {@code exp(x − rowMax)}, and {@code 1 / Σ exp} of the row
     * into {@code inverseSum[r]}: the softmax's scaling is left to the caller (on the far narrower product with the values).
     */
    static void softmaxRows(float[] x, int m, int n, float[] inverseSum) {
        int full = n - n % L;
        VectorMask<Float> tail = S.indexInRange(full, n);
        for (int r = 0, o = 0; r < m; r++, o += n) {
            FloatVector mx = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (int j = 0; j < full; j += L) mx = mx.max(FloatVector.fromArray(S, x, o + j));
            if (full < n) mx = mx.max(FloatVector.fromArray(S, x, o + full, tail).blend(Float.NEGATIVE_INFINITY, tail.not()));
            float max = mx.reduceLanes(VectorOperators.MAX);
            FloatVector sum = FloatVector.zero(S);
            for (int j = 0; j < full; j += L) {
                FloatVector e = exp(FloatVector.fromArray(S, x, o + j).sub(max));
                e.intoArray(x, o + j);
                sum = sum.add(e);
            }
            if (full < n) {
                FloatVector e = exp(FloatVector.fromArray(S, x, o + full, tail).sub(max)).blend(0f, tail.not());
                e.intoArray(x, o + full, tail);
                sum = sum.add(e);
            }
            inverseSum[r] = 1f / sumLanes(sum);
        }
    }

    /** Row {@code i} of the {@code m × n} block at {@code x[off…]} (row stride {@code ld}) times {@code factor[i]}. */
    static void scaleRows(float[] x, int off, int ld, int m, int n, float[] factor) {
        int full = n - n % L;
        VectorMask<Float> tail = S.indexInRange(full, n);
        for (int r = 0, o = off; r < m; r++, o += ld) {
            float f = factor[r];
            for (int j = 0; j < full; j += L) FloatVector.fromArray(S, x, o + j).mul(f).intoArray(x, o + j);
            if (full < n) FloatVector.fromArray(S, x, o + full, tail).mul(f).intoArray(x, o + full, tail);
        }
    }

    /** {@code x[i] += y[i]} for {@code i < n}. */
    static void addInPlace(float[] x, float[] y, int n) {
        int i = 0;
        for (; i + L <= n; i += L) FloatVector.fromArray(S, x, i).add(FloatVector.fromArray(S, y, i)).intoArray(x, i);
        if (i < n) {
            VectorMask<Float> mask = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, i, mask).add(FloatVector.fromArray(S, y, i, mask)).intoArray(x, i, mask);
        }
    }

    /** Over the {@code m} rows of an {@code m × n} matrix: each column's mean into {@code out[meanAt…]}, its max into {@code out[maxAt…]}. */
    static void columnMeanMax(float[] x, int m, int n, float[] out, int meanAt, int maxAt) {
        for (int j = 0; j < n; j += L) {
            VectorMask<Float> mask = S.indexInRange(j, n);
            FloatVector sum = FloatVector.zero(S), max = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (int r = 0, o = j; r < m; r++, o += n) {
                FloatVector v = FloatVector.fromArray(S, x, o, mask);
                sum = sum.add(v);
                max = max.max(v);
            }
            sum.div(m).intoArray(out, meanAt + j, mask);
            max.intoArray(out, maxAt + j, mask);
        }
    }

    /**
     * e^x lane by lane, relative error about 1e-7 (Cephes' expf), x clamped to [−87, 88] (e^−87 ≈ 1.6e-38 stands
     * for every smaller value: what it is added to or multiplied by here is at least e^0 or takes it as 0 anyway).
     */
    static FloatVector exp(FloatVector x) {
        x = x.max(EXP_LO).min(EXP_HI);
        FloatVector n = x.mul(LOG2E).add(ROUND).sub(ROUND);           // round to nearest, exactly
        FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), x);
        r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector y = FloatVector.broadcast(S, E0).fma(r, FloatVector.broadcast(S, E1)).fma(r, FloatVector.broadcast(S, E2))
                .fma(r, FloatVector.broadcast(S, E3)).fma(r, FloatVector.broadcast(S, E4)).fma(r, FloatVector.broadcast(S, E5));
        y = y.mul(r).fma(r, r.add(1f));
        FloatVector twoToN = ((jdk.incubator.vector.IntVector) n.convert(VectorOperators.F2I, 0)).add(127)
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return y.mul(twoToN);
    }

    /** The sum of the lanes by a fixed tree: lane i plus lane i + L/2, then + L/4, …, read at lane 0. */
    static float sumLanes(FloatVector v) {
        if (L > 32) v = v.add(v.rearrange(ROT32));
        if (L > 16) v = v.add(v.rearrange(ROT16));
        if (L > 8) v = v.add(v.rearrange(ROT8));
        if (L > 4) v = v.add(v.rearrange(ROT4));
        if (L > 2) v = v.add(v.rearrange(ROT2));
        if (L > 1) v = v.add(v.rearrange(ROT1));
        return v.lane(0);
    }

    private static VectorShuffle<Float> rotation(int by) { return VectorShuffle.iota(S, by % L, 1, true); }
}
