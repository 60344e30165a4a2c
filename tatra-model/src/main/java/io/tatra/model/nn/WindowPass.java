package io.tatra.model.nn;

/**
 * One window in, every head's raw outputs out: the inference path the live engine calls on each closed bar. Two
 * implementations compute the same arithmetic — {@link WindowForward} through PyTorch, {@link VectorForward} in Java
 * with the Vector API — and agree up to float rounding. Both take calls from several threads at once (the live engine's
 * warming thread beside its decision thread): each PyTorch call has its own sub-manager, each Java thread its own scratch.
 */
public interface WindowPass extends AutoCloseable {
    /** Width of {@link #forward}'s result: every head's outputs, one head after the other. */
    int outputs();

    /** One normalized window, {@code window × features} values, oldest step first → every head's raw outputs (a new array). */
    float[] forward(float[] window);

    @Override
    void close();
}
