package io.tatra.model.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The encoder's 1-D convolutions (each followed by GELU) for {@link VectorForward}, keeping the outputs of recent
 * windows: a window that is a kept one moved on by one step — a symbol's next closed bar — shifts the kept rows and
 * computes only those the new step or the zero padding reaches ({@code 2·pad·layer + 1} per layer: 5 and 9 of 96 rows
 * at the default size). Each output row is computed on its own, in the same order of operations either way, so the
 * result is the full computation's bit for bit ({@code VectorForwardTest}). Any other window — the same window again
 * included, so that warming passes keep running the whole computation — is computed in full into the least recently
 * used slot (the same window, into its own). Slots are made as needed, at most {@link #SLOTS} per thread (one per
 * symbol the engine trades).
 */
final class SlidingConvolutions {
    static final int SLOTS = 64;

    private final int window, features, kernel, pad;
    private final List<float[]> weights, biases;
    private final List<Integer> channels;

    /** One thread's padded inputs and kept windows (the weights are shared, read only; nothing here leads back to them). */
    static final class State {
        private final List<float[]> padded = new ArrayList<>();
        private final List<Slot> slots = new ArrayList<>();
        private long clock, slid, full;

        private State(int window, int features, int pad, List<Integer> channels) {
            int in = features;
            for (int c : channels) {
                padded.add(new float[(window + 2 * pad) * in + VectorKernels.L]);
                in = c;
            }
        }

        /** Calls answered by shifting a kept window, and calls computed in full. */
        long[] counts() { return new long[]{slid, full}; }
    }

    private static final class Slot {
        final float[] window;
        final List<float[]> outputs = new ArrayList<>();
        long used;
        boolean valid;

        Slot(int size, List<Integer> channels, int steps) {
            window = new float[size];
            for (int c : channels) outputs.add(new float[steps * c + VectorKernels.L]);
        }
    }

    /** Weights {@code [kernel·in × out]} per layer (see {@link VectorForward}), biases and output channels. */
    SlidingConvolutions(int window, int features, int kernel, List<float[]> weights, List<float[]> biases, List<Integer> channels) {
        this.window = window;
        this.features = features;
        this.kernel = kernel;
        this.pad = kernel / 2;
        this.weights = weights;
        this.biases = biases;
        this.channels = channels;
    }

    /** A new thread's state. */
    State state() { return new State(window, features, pad, channels); }

    /** The last convolution's output for {@code x} ({@code window × channels}, row-major; valid until the next call). */
    float[] apply(State st, float[] x) {
        Slot s = movedOnFrom(st, x);
        boolean slide = s != null;
        if (slide) st.slid++;
        else {
            s = same(st, x);
            if (s == null) s = leastRecentlyUsed(st);
            st.full++;
        }
        s.valid = false;                      // until every layer is written
        float[] src = x;
        int in = features;
        for (int l = 0; l < weights.size(); l++) {
            float[] p = st.padded.get(l), o = s.outputs.get(l);
            int c = channels.get(l), lo = (l + 1) * pad, hi = window - 2 - (l + 1) * pad;
            System.arraycopy(src, 0, p, pad * in, window * in); // the pad rows stay zero
            if (slide && lo <= hi) {
                System.arraycopy(o, (lo + 1) * c, o, lo * c, (hi - lo + 1) * c);
                rows(l, in, c, p, o, 0, lo);
                rows(l, in, c, p, o, hi + 1, window);
            } else {
                rows(l, in, c, p, o, 0, window);
            }
            src = o;
            in = c;
        }
        System.arraycopy(x, 0, s.window, 0, x.length);
        s.valid = true;
        s.used = ++st.clock;
        return src;
    }

    /** Output rows {@code [from, to)} of layer {@code l}: one product over the padded input read in place, then GELU. */
    private void rows(int l, int in, int c, float[] p, float[] o, int from, int to) {
        if (from >= to) return;
        VectorKernels.matmul(p, from * in, in, to - from, kernel * in, weights.get(l), 0, c, c, biases.get(l), null, o, from * c, c);
        VectorKernels.gelu(o, from * c, to * c);
    }

    /** The kept window whose steps 1… are {@code x}'s steps 0… (x is its next window), or null. */
    private Slot movedOnFrom(State st, float[] x) {
        if (window < 2) return null;
        int step = features, n = x.length;
        for (Slot s : st.slots)
            if (s.valid && Arrays.equals(s.window, step, n, x, 0, n - step)) return s;
        return null;
    }

    /** The kept slot of this very window (computed again in full, in its own slot), or null. */
    private static Slot same(State st, float[] x) {
        for (Slot s : st.slots) if (s.valid && Arrays.equals(s.window, x)) return s;
        return null;
    }

    private Slot leastRecentlyUsed(State st) {
        if (st.slots.size() < SLOTS) {
            Slot s = new Slot(window * features, channels, window);
            st.slots.add(s);
            return s;
        }
        Slot oldest = st.slots.get(0);
        for (Slot s : st.slots) if (s.used < oldest.used) oldest = s;
        return oldest;
    }
}
