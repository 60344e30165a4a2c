package io.tatra.model.train;

import io.tatra.dataset.Dataset;
import io.tatra.dataset.Normalization;
import io.tatra.dataset.SymbolData;
import io.tatra.model.task.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed list of windows (symbol, row) with one normalization: the source of training, validation and test
 * batches. Inputs are cut on demand ({@code [b × window × 64]} floats), so 200k windows need no 5 GB tensor.
 */
public record Samples(List<SymbolData> symbols, Normalization normalization, int window, List<Dataset.Sample> list) {
    public Samples {
        list = List.copyOf(list);
    }

    public static Samples of(Dataset ds, int fold, List<Dataset.Sample> samples) {
        return new Samples(ds.symbols(), ds.normalizations().get(fold), ds.config().window(), samples);
    }

    public int size() { return list.size(); }

    /** Only the samples where every task has a label (NaN labels, e.g. an unknown true regime, are dropped). */
    public Samples labelled(List<Task> tasks) {
        List<Dataset.Sample> keep = new ArrayList<>();
        for (Dataset.Sample s : list) {
            boolean ok = true;
            for (Task t : tasks) ok &= Double.isFinite(t.labels().label(symbols.get(s.symbol()), s.row()));
            if (ok) keep.add(s);
        }
        return new Samples(symbols, normalization, window, keep);
    }

    /** The normalized inputs of the samples at these positions. */
    public float[] inputs(int[] positions) {
        List<Dataset.Sample> pick = new ArrayList<>(positions.length);
        for (int p : positions) pick.add(list.get(p));
        return Dataset.windows(symbols, normalization, window, pick);
    }

    /** One task's raw label per sample at these positions. */
    public double[] labels(Task task, int[] positions) {
        double[] out = new double[positions.length];
        for (int i = 0; i < positions.length; i++) {
            Dataset.Sample s = list.get(positions[i]);
            out[i] = task.labels().label(symbols.get(s.symbol()), s.row());
        }
        return out;
    }

    /** One task's training targets (kind-transformed labels) at these positions. */
    public float[] targets(Task task, int[] positions) {
        double[] l = labels(task, positions);
        float[] out = new float[l.length];
        for (int i = 0; i < l.length; i++) out[i] = (float) task.kind().target(l[i]);
        return out;
    }

    /** The task's target scale fitted on the targets of all these samples (call it on training samples only). */
    public io.tatra.model.task.TargetScale fitScale(Task task) {
        float[] y = targets(task, all());
        double[] d = new double[y.length];
        for (int i = 0; i < y.length; i++) d[i] = y[i];
        return task.kind().fitScale(d);
    }

    /** The samples at these positions, in this order. */
    public Samples subset(int[] positions) {
        List<Dataset.Sample> pick = new ArrayList<>(positions.length);
        for (int p : positions) pick.add(list.get(p));
        return new Samples(symbols, normalization, window, pick);
    }

    public int[] all() {
        int[] p = new int[list.size()];
        for (int i = 0; i < p.length; i++) p[i] = i;
        return p;
    }

    public long time(int position) {
        Dataset.Sample s = list.get(position);
        return symbols.get(s.symbol()).bars().openTimeMillis(s.row());
    }
}
