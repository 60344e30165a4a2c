package io.tatra.dataset;

import io.tatra.TatraException;
import io.tatra.features.Feature;
import io.tatra.features.MarketFrame;
import io.tatra.market.Interval;
import io.tatra.market.Regime;
import io.tatra.market.Symbol;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class DatasetTest {
    static Dataset build(int symbols, int bars, DatasetConfig cfg) {
        SyntheticMarket m = MarketGenerator.generate(SyntheticConfig.defaults(symbols, bars, Interval.H1, 42));
        List<MarketFrame> frames = new ArrayList<>();
        Map<Symbol, List<Regime>> truth = new HashMap<>();
        for (Symbol s : m.config().symbols()) {
            frames.add(new MarketFrame(m.series(s), m.funding().get(s), m.openInterest().get(s), null));
            truth.put(s, m.regimes());
        }
        return DatasetBuilder.build(frames, truth, cfg, line -> {});
    }

    private static void assertAuditPasses(Dataset ds) {
        for (AuditCheck c : DatasetAudit.run(ds)) assertTrue(c.passed(), c.name() + ": " + c.detail());
    }

    @Test
    void walkForwardDatasetWindowsNormalizationAndAudit(@TempDir Path dir) {
        DatasetConfig cfg = DatasetConfig.defaults(4, SplitMethod.WALK_FORWARD);
        Dataset ds = build(2, 3000, cfg);
        assertEquals(4, ds.folds().size());
        var train = ds.samples(0, Fold.Part.TRAIN);
        var test = ds.samples(0, Fold.Part.TEST);
        assertFalse(train.isEmpty() || test.isEmpty() || ds.samples(0, Fold.Part.VALIDATION).isEmpty());
        // every training sample precedes every test sample by at least purge + embargo bars
        long lastTrain = train.stream().mapToLong(s -> ds.symbols().get(s.symbol()).bars().openTimeMillis(s.row())).max().orElseThrow();
        long firstTest = test.stream().mapToLong(s -> ds.symbols().get(s.symbol()).bars().openTimeMillis(s.row())).min().orElseThrow();
        assertTrue((firstTest - lastTrain) / 3_600_000 > cfg.split().gap(), "gap " + (firstTest - lastTrain) / 3_600_000);

        // tensor: [samples × 96 × 64], last step = the sample's row, normalized with the fold's statistics
        var some = test.subList(0, 3);
        float[] w = ds.windows(0, some);
        assertEquals(3 * 96 * 64, w.length);
        Normalization n = ds.normalizations().get(0);
        var s = some.get(2);
        float[] raw = ds.symbols().get(s.symbol()).features();
        for (int f = 0; f < Feature.COUNT; f++) {
            assertEquals(n.apply(f, raw[s.row() * 64 + f]), w[(2 * 96 + 95) * 64 + f]);
            assertEquals(n.apply(f, raw[(s.row() - 95) * 64 + f]), w[(2 * 96) * 64 + f]);
        }
        for (float x : w) assertTrue(Float.isFinite(x) && Math.abs(x) <= 5, "normalized value " + x);

        // the normalization is the median / IQR of the training rows, nothing else
        double[] ret1 = train.stream().mapToDouble(t -> ds.symbols().get(t.symbol()).features()[t.row() * 64 + Feature.RET_1.ordinal()]).sorted().toArray();
        assertEquals(Normalization.quantile(ret1, 0.5), n.center()[Feature.RET_1.ordinal()], 0);
        assertEquals((Normalization.quantile(ret1, 0.75) - Normalization.quantile(ret1, 0.25)) / 1.349, n.scale()[Feature.RET_1.ordinal()], 1e-15);
        assertEquals(1.0, n.scale()[Feature.FUNDING_MASK.ordinal()], "masks are not scaled");

        assertAuditPasses(ds);
        DatasetStore.write(ds, dir);
        Dataset back = DatasetStore.read(dir);
        assertArrayEquals(ds.symbols().get(1).features(), back.symbols().get(1).features());
        assertArrayEquals(ds.symbols().get(0).sampleRows(), back.symbols().get(0).sampleRows());
        assertEquals(ds.folds(), back.folds());
        assertArrayEquals(ds.normalizations().get(2).scale(), back.normalizations().get(2).scale());
        assertArrayEquals(ds.windows(1, ds.samples(1, Fold.Part.TEST).subList(0, 5)), back.windows(1, back.samples(1, Fold.Part.TEST).subList(0, 5)));
        assertAuditPasses(back);
        var manifest = DatasetStore.manifest(dir);
        assertEquals(2, manifest.symbols().size());
        assertEquals(manifest.symbols().get(0).samples(), Arrays.stream(manifest.symbols().get(0).direction()).sum());
    }

    @Test
    void finalFoldTrainsOnAllButAPurgedValidationTailThatEndsTheData() {
        DatasetConfig cfg = DatasetConfig.defaults(4, SplitMethod.WALK_FORWARD);
        Dataset ds = build(2, 3000, cfg);
        long first = ds.firstSampleTime(), last = ds.lastSampleTime(), h = 3_600_000, gap = cfg.split().gap() * h;
        Fold f = Splitter.finalFit(first, last, h, cfg.split());
        assertEquals("final", f.name());
        assertTrue(f.test().isEmpty());
        assertEquals(last, f.validation().get(0).to(), "validation is the tail of the data");
        assertEquals(first, f.train().get(0).from());
        assertEquals(f.validation().get(0).from() - gap - h, f.train().get(0).to(), "purge + embargo between training and validation");
        long valBars = (f.validation().get(0).to() - f.validation().get(0).from()) / h + 1, all = (last - first) / h + 1;
        assertEquals((long) (all * cfg.split().validationShare()), valBars);
        Dataset fin = DatasetBuilder.withFolds(ds, List.of(f), line -> {});
        assertTrue(fin.samples(0, Fold.Part.TEST).isEmpty());
        assertTrue(fin.samples(0, Fold.Part.TRAIN).size() > ds.samples(ds.folds().size() - 1, Fold.Part.TRAIN).size(),
                "the final split trains on more than the last walk-forward fold");
        assertEquals(fin.samples(0, Fold.Part.TRAIN).size(), fin.normalizations().get(0).rows(), "normalization fitted on the training rows only");
        assertThrows(IllegalArgumentException.class, () -> Splitter.finalFit(first, first + 150 * h, h, cfg.split()));
    }

    @Test
    void holdoutFoldTrainsBeforeTheTestStartWithGapsAndPassesTheAudit() {
        DatasetConfig cfg = DatasetConfig.defaults(4, SplitMethod.WALK_FORWARD);
        Dataset ds = build(2, 3000, cfg);
        long first = ds.symbols().get(0).sampleTime(0), h = 3_600_000;
        long testFrom = first + 2000 * h;
        Fold f = Splitter.holdout(first, ds.folds().get(3).test().get(0).to(), h, testFrom, cfg.split());
        Dataset held = DatasetBuilder.withFolds(ds, List.of(f), line -> {});
        assertAuditPasses(held);
        assertEquals(testFrom, f.test().get(0).from());
        long gap = cfg.split().gap() * h;
        assertTrue(f.validation().get(0).to() + gap < testFrom, "gap before the test");
        assertTrue(f.train().get(0).to() + gap < f.validation().get(0).from(), "gap before validation");
        for (var s : held.samples(0, Fold.Part.TRAIN)) assertTrue(held.symbols().get(s.symbol()).bars().openTimeMillis(s.row()) < testFrom - gap);
        assertThrows(IllegalArgumentException.class, () -> Splitter.holdout(first, first + 2900 * h, h, first + 100 * h, cfg.split()));
        Dataset none = DatasetBuilder.unsplit(List.of(ds.symbols().get(0).frame()), Map.of(), cfg, line -> {});
        assertTrue(none.folds().isEmpty());
        assertEquals(ds.symbols().get(0).sampleRows().length, none.symbols().get(0).sampleRows().length);
    }

    @Test
    void rollingAndCpcvSplitsPassTheAudit() {
        Dataset rolling = build(1, 3000, DatasetConfig.defaults(4, SplitMethod.ROLLING));
        assertAuditPasses(rolling);
        long first = rolling.folds().get(0).train().get(0).from(), last = rolling.folds().get(3).train().get(0).from();
        assertTrue(last > first, "rolling windows move forward");
        var l = io.tatra.labels.LabelConfig.defaults(4);
        DatasetConfig cpcv = new DatasetConfig(96, l, new SplitConfig(SplitMethod.CPCV, 4, 2, 0.4, 0, l.lookahead(), 96 + l.lookahead()),
                io.tatra.features.FeatureConfig.DEFAULT, 5);
        Dataset ds = build(1, 4000, cpcv);
        assertEquals(6, ds.folds().size(), "C(4,2) splits");
        assertAuditPasses(ds);
        // in CPCV, training data lies on both sides of some test groups
        assertTrue(ds.folds().stream().anyMatch(f -> f.train().stream().anyMatch(t -> t.from() > f.test().get(0).to())));
    }

    @Test
    void auditCatchesLeaks(@TempDir Path dir) throws Exception {
        Dataset ds = build(1, 3000, DatasetConfig.defaults(4, SplitMethod.WALK_FORWARD));
        // 1. normalization fitted on everything instead of train
        List<Normalization> norms = new ArrayList<>(ds.normalizations());
        Normalization n0 = norms.get(0);
        double[] c = n0.center().clone();
        c[Feature.RET_1.ordinal()] += 1e-4;
        norms.set(0, new Normalization(n0.schemaHash(), n0.fittedOn(), n0.rows(), c, n0.scale(), n0.clip()));
        Dataset badNorm = new Dataset(ds.config(), ds.schemaHash(), ds.interval(), ds.symbols(), ds.folds(), norms);
        assertFalse(check(badNorm, "normalization-train-only").passed());
        // 2. a fold whose training span runs up to the test span
        Fold f = ds.folds().get(1);
        Fold leaky = new Fold("leaky", List.of(new Span(f.train().get(0).from(), f.test().get(0).from() - 3_600_000)), List.of(), f.test());
        List<Fold> folds = new ArrayList<>(ds.folds());
        folds.set(1, leaky);
        Dataset badFold = new Dataset(ds.config(), ds.schemaHash(), ds.interval(), ds.symbols(), folds, ds.normalizations());
        AuditCheck overlap = check(badFold, "label-span-overlap");
        assertFalse(overlap.passed(), overlap.detail());
        // 3. a stored feature value tampered with
        DatasetStore.write(ds, dir);
        Path f32 = Files.list(dir.resolve("features")).findFirst().orElseThrow();
        byte[] bytes = Files.readAllBytes(f32);
        bytes[bytes.length - 100] ^= 0x40;
        Files.write(f32, bytes);
        assertFalse(check(DatasetStore.read(dir), "features-and-labels-recomputed").passed());
        // 4. purge shorter than the lookahead is refused when configuring
        var l = io.tatra.labels.LabelConfig.defaults(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DatasetConfig(96, l,
                new SplitConfig(SplitMethod.WALK_FORWARD, 4, 2, 0.4, 0.1, 3, 500), io.tatra.features.FeatureConfig.DEFAULT, 5));
        assertTrue(e.getMessage().contains("purge"), e.getMessage());
    }

    @Test
    void schemaMismatchAndBadInputAreRefusedClearly(@TempDir Path dir) throws Exception {
        Dataset ds = build(1, 2000, DatasetConfig.defaults(4, SplitMethod.WALK_FORWARD));
        DatasetStore.write(ds, dir);
        Path manifest = dir.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace(ds.schemaHash(), "0".repeat(64)));
        TatraException e = assertThrows(TatraException.class, () -> DatasetStore.read(dir));
        assertTrue(e.getMessage().contains("feature schema") && e.getMessage().contains("rebuild"), e.getMessage());
        TatraException missing = assertThrows(TatraException.class, () -> DatasetStore.read(dir.resolve("nope")));
        assertTrue(missing.getMessage().contains("manifest.json"), missing.getMessage());
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class, () -> build(1, 300, DatasetConfig.defaults(4, SplitMethod.WALK_FORWARD)));
        assertTrue(tooShort.getMessage().contains("gap-free bars"), tooShort.getMessage());
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class, () -> build(1, 900, DatasetConfig.defaults(4, SplitMethod.WALK_FORWARD)));
        assertTrue(tooFew.getMessage().contains("training bars") || tooFew.getMessage().contains("empty"), tooFew.getMessage());
    }

    private static AuditCheck check(Dataset ds, String name) {
        return DatasetAudit.run(ds).stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
