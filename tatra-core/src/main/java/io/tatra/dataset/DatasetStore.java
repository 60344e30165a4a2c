package io.tatra.dataset;

import io.tatra.TatraException;
import io.tatra.features.Feature;
import io.tatra.features.FeatureSchema;
import io.tatra.ingest.BarCsv;
import io.tatra.ingest.BarImporter;
import io.tatra.ingest.ImportOptions;
import io.tatra.ingest.ImportPolicy;
import io.tatra.ingest.ImportRefusedException;
import io.tatra.labels.LabelSet;
import io.tatra.market.BarSeries;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset directory:
 * <pre>
 *   manifest.json              config, feature schema, symbols, ranges, class balance, fold sizes
 *   splits.json                the folds (time spans of train / validation / test)
 *   normalization/fold-K.json  the normalization fitted on fold K's training rows
 *   bars/SYMBOL.csv            the bars the dataset was built from (for the audit's recomputation)
 *   bars/SYMBOL.funding.csv    funding rates and open interest, when the data had them (SYMBOL.open_interest.csv)
 *   features/SYMBOL.f32        raw feature rows, little-endian float32, bars × 64, NaN where undefined
 *   labels/SYMBOL.csv          every label column, one row per bar
 * </pre>
 */
public final class DatasetStore {
    
    private static final String LABEL_HEADER = "open_time,valid,direction,forward_return,forward_volatility,regime,true_regime,barrier,barrier_bars,trend_t,trend_span,sigma";

    private DatasetStore() {}

    /** Writes the dataset directory whole or not at all; an existing one is replaced (the command refuses it up front). */
    public static void write(Dataset ds, Path target) {
        io.tatra.AtomicWrite.directory(target, io.tatra.AtomicWrite.Existing.REPLACE, dir -> writeInto(ds, dir));
    }

    private static void writeInto(Dataset ds, Path dir) {
        try {
            Files.createDirectories(dir.resolve("bars"));
            Files.createDirectories(dir.resolve("features"));
            Files.createDirectories(dir.resolve("labels"));
            Files.createDirectories(dir.resolve("normalization"));
            for (SymbolData d : ds.symbols()) {
                String sym = d.bars().symbol().value();
                BarCsv.write(d.bars(), dir.resolve("bars/" + sym + ".csv"));
                ExchangeCsv.write(d.frame(), dir.resolve("bars"));
                writeFloats(d.features(), dir.resolve("features/" + sym + ".f32"));
                writeLabels(d.labels(), dir.resolve("labels/" + sym + ".csv"));
            }
            io.tatra.Json.PRETTY.writeValue(dir.resolve("splits.json").toFile(), ds.folds());
            for (int k = 0; k < ds.folds().size(); k++)
                io.tatra.Json.PRETTY.writeValue(dir.resolve("normalization/fold-" + (k + 1) + ".json").toFile(), ds.normalizations().get(k));
            io.tatra.Json.PRETTY.writeValue(dir.resolve("manifest.json").toFile(), DatasetManifest.of(ds));
        } catch (IOException e) {
            throw new TatraException("cannot write dataset to " + dir + ": " + e.getMessage(), e);
        }
    }

    public static DatasetManifest manifest(Path dir) {
        Path m = dir.resolve("manifest.json");
        if (!Files.isRegularFile(m)) throw new TatraException(dir + " is not a dataset directory: " + m + " is missing");
        try {
            return io.tatra.Json.MAPPER.readValue(m.toFile(), DatasetManifest.class);
        } catch (IOException e) {
            throw new TatraException(m + ": unreadable manifest: " + e.getMessage(), e);
        }
    }

    /** Reads a dataset back; refuses one built with another feature schema. */
    public static Dataset read(Path dir) {
        DatasetManifest m = manifest(dir);
        String current = FeatureSchema.of(m.config().features()).hash();
        if (!current.equals(m.schema().hash()))
            throw new TatraException(dir + " was built with feature schema " + m.schema().hash().substring(0, 12) + " but this build computes "
                    + current.substring(0, 12) + "; rebuild the dataset with `tatra dataset build`");
        try {
            List<SymbolData> data = new ArrayList<>();
            for (DatasetManifest.SymbolSummary s : m.symbols()) {
                BarSeries bars = readBars(dir.resolve("bars/" + s.symbol() + ".csv"), m);
                io.tatra.features.MarketFrame frame = ExchangeCsv.read(bars, dir.resolve("bars"));
                float[] f = readFloats(dir.resolve("features/" + s.symbol() + ".f32"), bars.size());
                LabelSet labels = LabelCsv.read(dir.resolve("labels/" + s.symbol() + ".csv"), bars, m.config().labels());
                int[] run = runIndex(bars);
                data.add(new SymbolData(frame, f, run, labels, SymbolData.sampleRows(run, labels, m.config().window())));
            }
            List<Fold> folds = List.of(io.tatra.Json.MAPPER.readValue(dir.resolve("splits.json").toFile(), Fold[].class));
            List<Normalization> norms = new ArrayList<>();
            for (int k = 0; k < folds.size(); k++)
                norms.add(io.tatra.Json.MAPPER.readValue(dir.resolve("normalization/fold-" + (k + 1) + ".json").toFile(), Normalization.class));
            return new Dataset(m.config(), m.schema().hash(), m.interval(), data, folds, norms);
        } catch (IOException e) {
            throw new TatraException(dir + ": cannot read dataset: " + e.getMessage(), e);
        }
    }

    /** Bars since the start of each gap-free run, the same rule the feature engine applies. */
    public static int[] runIndex(BarSeries bars) {
        int[] run = new int[bars.size()];
        long step = bars.interval().millis();
        for (int i = 1; i < run.length; i++) run[i] = bars.openTimeMillis(i) - bars.openTimeMillis(i - 1) == step ? run[i - 1] + 1 : 0;
        return run;
    }

    private static BarSeries readBars(Path p, DatasetManifest m) {
        try {
            return BarImporter.read(p, new ImportOptions(io.tatra.market.Symbol.of(p.getFileName().toString().replace(".csv", "")), m.interval(), ImportPolicy.STRICT)).series();
        } catch (ImportRefusedException e) {
            throw new TatraException(p + ": the dataset's bars do not import cleanly: " + e.getMessage(), e);
        }
    }

    static void writeFloats(float[] v, Path p) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        Files.write(p, b.array());
    }

    static float[] readFloats(Path p, int rows) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        long expected = (long) rows * Feature.COUNT * 4;
        if (bytes.length != expected) throw new TatraException(p + ": " + bytes.length + " bytes, expected " + expected + " (" + rows + " bars × " + Feature.COUNT + " float32)");
        float[] v = new float[rows * Feature.COUNT];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    static void writeLabels(LabelSet l, Path p) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(p)) {
            w.write(LABEL_HEADER + "\n");
            for (int i = 0; i < l.rows(); i++) {
                w.write(l.openTimes()[i] + "," + (l.valid()[i] ? 1 : 0) + "," + l.direction()[i] + "," + l.forwardReturn()[i] + ","
                        + l.forwardVolatility()[i] + "," + l.regime()[i] + "," + l.trueRegime()[i] + "," + l.barrier()[i] + ","
                        + l.barrierBars()[i] + "," + l.trendT()[i] + "," + l.trendSpan()[i] + "," + l.sigma()[i] + "\n");
            }
        }
    }

    static String labelHeader() { return LABEL_HEADER; }
}
