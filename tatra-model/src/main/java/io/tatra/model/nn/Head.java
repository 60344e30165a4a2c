package io.tatra.model.nn;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/** A task head on the representation: two layers ({@code Linear → GELU → Linear}), or one linear layer when hidden = 0 (a linear probe). */
public final class Head {
    private Head() {}

    public static SequentialBlock create(int hidden, int outputs) {
        if (hidden == 0) return new SequentialBlock().add(Linear.builder().setUnits(outputs).build());
        return new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation.geluBlock())
                .add(Linear.builder().setUnits(outputs).build());
    }

}
