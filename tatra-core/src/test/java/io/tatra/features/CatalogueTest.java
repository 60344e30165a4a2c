package io.tatra.features;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class CatalogueTest {
    @Test
    void sixtyFourDocumentedFeatures() {
        assertEquals(64, Feature.COUNT);
        Set<String> ids = new HashSet<>();
        for (Feature f : Feature.values()) {
            assertTrue(ids.add(f.id()), "duplicate id " + f.id());
            assertFalse(f.formula().isBlank(), f + " has no formula");
            assertFalse(f.unit().isBlank(), f + " has no unit");
            assertTrue(f.warmup() >= 0 && f.warmup() <= 200, f + " warm-up " + f.warmup());
        }
        for (FeatureGroup g : FeatureGroup.values())
            assertTrue(java.util.Arrays.stream(Feature.values()).anyMatch(f -> f.group() == g), "empty group " + g);
        assertEquals(Feature.RSI_14, Feature.byId("rsi_14"));
        assertThrows(IllegalArgumentException.class, () -> Feature.byId("rsi_15"));
    }

    @Test
    void warmupIsExactlyWhereValuesStart() {
        FeatureMatrix m = new FeatureEngine().compute(Fixtures.series(400, 4));
        for (Feature f : Feature.values()) {
            if (f.group() == FeatureGroup.ORDER_BOOK || f.group() == FeatureGroup.DERIVATIVES) continue;
            if (f.warmup() > 0) assertTrue(Double.isNaN(m.get(f.warmup() - 1, f)), f.id() + " defined before its warm-up");
            assertFalse(Double.isNaN(m.get(f.warmup(), f)), f.id() + " still NaN at its warm-up " + f.warmup());
        }
        assertTrue(m.complete(Feature.maxWarmup()) && !m.complete(Feature.maxWarmup() - 1));
    }

    @Test
    void schemaHashIsStableAndCoversTheConfig() {
        assertEquals(FeatureSchema.of(FeatureConfig.DEFAULT).hash(), FeatureSchema.of(FeatureConfig.DEFAULT).hash());
        assertNotEquals(FeatureSchema.of(FeatureConfig.DEFAULT).hash(),
                FeatureSchema.of(new FeatureConfig(Duration.ofHours(8), Duration.ofHours(24), Duration.ofMinutes(5))).hash());
        assertEquals(64, FeatureSchema.of(FeatureConfig.DEFAULT).width());
        // the default's hash is the one every model saved so far carries; books in use make another one
        assertEquals("7b1671a9cbd59e01c730f7157112ec7369fb3e5602f82e7e1ce6e79a7d664b10", FeatureSchema.of(FeatureConfig.DEFAULT).hash());
        String books = FeatureSchema.of(FeatureConfig.DEFAULT.withBooks(true)).hash();
        assertNotEquals(FeatureSchema.of(FeatureConfig.DEFAULT).hash(), books);
        assertEquals(FeatureConfig.DEFAULT.withBooks(true), FeatureConfig.forSchema(books));
        assertEquals(FeatureConfig.DEFAULT, FeatureConfig.forSchema(FeatureSchema.of(FeatureConfig.DEFAULT).hash()));
        assertNull(FeatureConfig.forSchema("0".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> new FeatureConfig(Duration.ZERO, Duration.ofHours(1), Duration.ofHours(1)));
    }
}
