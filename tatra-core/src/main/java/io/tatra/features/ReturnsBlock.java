package io.tatra.features;

import static io.tatra.features.Feature.*;

final class ReturnsBlock implements FeatureBlock {
    private static final Feature[] FEATURES = {RET_1, RET_2, RET_4, RET_8, RET_16, RET_32, RET_64};
    private static final int[] LAGS = {1, 2, 4, 8, 16, 32, 64};

    @Override
    public void step(StepInput in, double[] out) {
        for (int i = 0; i < LAGS.length; i++) out[FEATURES[i].ordinal()] = in.lnClose - in.lnCloseBack(LAGS[i]);
    }
}
