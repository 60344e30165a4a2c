package io.tatra.model.nn;

import ai.djl.ndarray.NDArray;

/**
 * Scalar constants for arithmetic inside an autograd graph. DJL's {@code x.mul(2f)} makes a scalar tensor over a
 * direct buffer, uses it and closes it at once; autograd may have saved that tensor for the backward pass, which
 * then reads freed memory once the garbage collector reclaims the buffer (seen here as random NaN/∞ gradients).
 * A scalar made with this method belongs to the operand's manager and lives until that manager (the batch's)
 * closes, after the backward pass. Use it for every constant in a differentiated expression.
 */
public final class Scalar {
    private Scalar() {}

    public static NDArray of(NDArray like, double value) { return like.getManager().create((float) value); }
}
