package io.tatra.model.nn;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/** A task head: two layers on the representation ({@code Linear → GELU → Linear}). */
public final class Head {
    private Head() {}

    public static SequentialBlock create(int hidden, int outputs) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation.geluBlock())
                .add(Linear.builder().setUnits(outputs).build());
    }

}
