package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.dataset.Normalization;
import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.Forecaster;
import io.tatra.model.eval.ModelForecaster;
import io.tatra.model.io.ModelCard;
import io.tatra.model.io.ModelStore;

import java.nio.file.Path;

/**
 * A saved model of any kind opened for trading: what the shared {@code ModelStrategy} needs (a {@link Forecaster}, the
 * normalization its inputs were fitted with, the card) whichever engine stands behind it — the unified DJL model or
 * LightGBM boosters. Close it to free the native memory.
 */
public record TradingModel(Forecaster forecaster, Normalization normalization, ModelCard card, boolean unified, AutoCloseable resource) implements AutoCloseable {
    public static TradingModel open(Path dir, String schema) {
        if (GbmModels.isLightGbm(dir)) {
            GbmModels.Loaded g = GbmModels.load(dir, schema);
            return new TradingModel(g.forecaster(), g.normalization(), g.card(), false, g);
        }
        ModelStore.Loaded l = ModelStore.load(dir, schema);
        if (l.model().tasks().isEmpty()) {
            l.close();
            throw new TatraException(dir + " is an encoder-only model (tatra pretrain): it has no heads and forecasts nothing; "
                    + "train heads on it with `tatra train --from-encoder " + dir + " …`");
        }
        return new TradingModel(new ModelForecaster(l.model()), l.normalization(), l.card(), true, l);
    }

    /**
     * Opens a saved model with the features it was trained on (its card's schema: the default, or with order books);
     * a model from another feature catalogue is refused by the load with the schema message.
     */
    public static TradingModel open(Path dir) {
        String schema = io.tatra.model.io.ModelStore.card(io.tatra.model.io.ModelRegistry.resolve(dir)).featureSchema();
        return open(dir, io.tatra.features.FeatureSchema.of(io.tatra.features.FeatureConfig.forSchemaOrDefault(schema)).hash());
    }

    /** The feature settings its inputs are computed with (order books or not), from its card. */
    public io.tatra.features.FeatureConfig features() { return io.tatra.features.FeatureConfig.forSchemaOrDefault(card.featureSchema()); }

    /** Whether it forecasts the four core tasks a fused decision needs. */
    public boolean canDecide() {
        return CoreTasks.ALL.stream().allMatch(t -> forecaster.tasks().stream().anyMatch(m -> m.name().equals(t.name())));
    }

    @Override
    public void close() {
        try {
            resource.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the model failed: " + e.getMessage(), e);
        }
    }
}
