package io.tatra.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

import java.util.ArrayList;
import java.util.List;

/** A copy of parameter values (the best epoch so far), restorable in place. */
final class Snapshot implements AutoCloseable {
    private final List<Parameter> params;
    private final List<float[]> values;

    private Snapshot(List<Parameter> params, List<float[]> values) {
        this.params = params;
        this.values = values;
    }

    static Snapshot of(List<Parameter> params) {
        List<float[]> v = new ArrayList<>();
        for (Parameter p : params) v.add(p.getArray().toFloatArray());
        return new Snapshot(List.copyOf(params), v);
    }

    void restore() {
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).getArray();
            w.set(values.get(i));
        }
    }

    @Override
    public void close() { values.clear(); }
}
