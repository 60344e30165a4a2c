package io.tatra.model.io;

import ai.djl.MalformedModelException;
import ai.djl.nn.Block;
import io.tatra.TatraException;
import io.tatra.dataset.Normalization;
import io.tatra.model.TatraModel;
import io.tatra.model.task.TargetScale;
import io.tatra.model.task.Task;
import io.tatra.model.task.TaskKind;
import io.tatra.model.task.Tasks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model directory:
 * <pre>
 *   model.json           the {@link ModelCard}: config, tasks and target scales, schema hash, data range, metrics, versions
 *   normalization.json   the input normalization fitted on the training rows, applied unchanged to any later data
 *   encoder.params       the encoder's weights (DJL parameter format)
 *   heads/TASK.params    one file per head
 * </pre>
 * Loading checks the format and the feature-schema hash and refuses a mismatch with a message that says what to do.
 */
public final class ModelStore {
    public static final String FORMAT = "tatra-model-1";

    private ModelStore() {}

    /** The card kind of a LightGBM model directory (boosters instead of weights; read by the app layer's GbmModels). */
    public static final String LIGHTGBM = "lightgbm";

    /** A loaded model with its card and normalization. Close it to free native memory. */
    public record Loaded(TatraModel model, ModelCard card, Normalization normalization) implements AutoCloseable {
        @Override public void close() { model.close(); }
    }

    /**
     * Writes the model directory whole or not at all ({@link io.tatra.AtomicWrite}): a failure midway leaves the
     * previous model in {@code dir} untouched. An existing directory is replaced; commands refuse one up front
     * unless told to replace it.
     */
    public static void save(Path target, TatraModel model, ModelCard card, Normalization normalization) {
        if (ModelRegistry.isRegistry(target))
            throw new TatraException(target + " is a model registry (tatra retrain keeps every version there); write the model elsewhere, "
                    + "or make a version current with tatra model promote");
        io.tatra.AtomicWrite.directory(target, io.tatra.AtomicWrite.Existing.REPLACE, dir -> write(dir, model, card, normalization));
    }

    private static void write(Path dir, TatraModel model, ModelCard card, Normalization normalization) {
        try {
            Files.createDirectories(dir.resolve("heads"));
            List<ModelCard.TaskCard> tasks = new ArrayList<>();
            for (Task t : model.tasks()) {
                TargetScale s = model.scale(t.name());
                boolean frozen = card.tasks().stream().anyMatch(c -> c.name().equals(t.name()) && c.frozenEncoder());
                tasks.add(new ModelCard.TaskCard(t.name(), t.kind().name(), t.classes(), s.center(), s.scale(), frozen, model.calibration(t.name())));
                writeParams(dir.resolve("heads/" + t.name() + ".params"), model.headBlock(t.name()));
            }
            writeParams(dir.resolve("encoder.params"), model.encoder());
            io.tatra.Json.PRETTY.writeValue(dir.resolve("normalization.json").toFile(), normalization);
            Map<String, String> files = new LinkedHashMap<>();
            files.put("encoder.params", sha256(dir.resolve("encoder.params")));
            files.put("normalization.json", sha256(dir.resolve("normalization.json")));
            for (Task t : model.tasks()) files.put("heads/" + t.name() + ".params", sha256(dir.resolve("heads/" + t.name() + ".params")));
            io.tatra.Json.PRETTY.writeValue(dir.resolve("model.json").toFile(), card.withTasks(tasks).withFiles(files));
        } catch (IOException e) {
            throw new TatraException("cannot write model to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads only the card (no weights). */
    public static ModelCard card(Path dir) {
        dir = ModelRegistry.resolve(dir);
        Path json = dir.resolve("model.json");
        if (!Files.isRegularFile(json)) throw new TatraException(dir + " is not a Tatra model directory (no model.json)");
        ModelCard card;
        try {
            card = io.tatra.Json.MAPPER.readValue(json.toFile(), ModelCard.class);
        } catch (IOException e) {
            throw new TatraException(json + ": not a readable model card: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(card.format()))
            throw new TatraException(json + ": format '" + card.format() + "' is not " + FORMAT + "; this build cannot read it");
        return card;
    }

    /**
     * Loads a model and refuses it when its feature schema differs from {@code expectedSchema} (the hash this
     * build computes): the weights would be fed features they were never trained on.
     */
    public static Loaded load(Path dir, String expectedSchema) {
        dir = ModelRegistry.resolve(dir);
        ModelCard card = card(dir);
        if (LIGHTGBM.equals(card.kind()))
            throw new TatraException(dir + " is a LightGBM model (tatra train --kind lightgbm); this command reads unified models only for now — "
                    + "tatra backtest --model and tatra decide read both");
        verifyFiles(dir, card);
        if (card.config() == null || card.config().encoder() == null) throw new TatraException(dir.resolve("model.json") + ": no model sizes (config.encoder)");
        if (card.window() != card.config().encoder().window())
            throw new TatraException(dir.resolve("model.json") + ": window " + card.window() + " disagrees with the encoder's window "
                    + card.config().encoder().window() + "; the card was edited or damaged");
        io.tatra.features.FeatureConfig trained = io.tatra.features.FeatureConfig.forSchema(card.featureSchema()), asked = io.tatra.features.FeatureConfig.forSchema(expectedSchema);
        if (trained != null && asked != null && trained.books() != asked.books())
            throw new TatraException("model " + dir + (trained.books() ? " was trained with order books as features (--books): give --books to read them here too"
                    : " was trained without order books: leave out --books"));
        if (!card.featureSchema().equals(expectedSchema))
            throw new TatraException("model " + dir + " was trained on feature schema " + abbreviate(card.featureSchema())
                    + " but this build computes schema " + abbreviate(expectedSchema)
                    + "; its inputs would mean different things. Retrain the model with this build (tatra train).");
        Normalization norm;
        try {
            norm = io.tatra.Json.MAPPER.readValue(dir.resolve("normalization.json").toFile(), Normalization.class);
        } catch (IOException e) {
            throw new TatraException(dir.resolve("normalization.json") + ": " + e.getMessage(), e);
        }
        if (!norm.schemaHash().equals(card.featureSchema()))
            throw new TatraException(dir + ": normalization.json belongs to schema " + abbreviate(norm.schemaHash()) + ", the model to " + abbreviate(card.featureSchema()));
        List<Task> tasks = new ArrayList<>();
        Map<String, TargetScale> scales = new LinkedHashMap<>();
        Map<String, io.tatra.forecast.ClassCalibration> calibrations = new LinkedHashMap<>();
        for (ModelCard.TaskCard tc : card.tasks()) {
            Task t = Tasks.byName(tc.name());
            if (t.kind() != TaskKind.valueOf(tc.kind()) || t.classes() != tc.classes())
                throw new TatraException(dir + ": head '" + tc.name() + "' is " + tc.kind() + " with " + tc.classes()
                        + " classes, this build defines it as " + t.kind() + " with " + t.classes());
            tasks.add(t);
            scales.put(t.name(), new TargetScale(tc.center(), tc.scale()));
            if (tc.calibration() != null) {
                if (t.kind() != TaskKind.CLASSES || tc.calibration().classes() != t.classes())
                    throw new TatraException(dir.resolve("model.json") + ": head '" + tc.name() + "' has a calibration for " + tc.calibration().classes()
                            + " classes, the head has " + t.classes());
                calibrations.put(t.name(), tc.calibration());
            }
        }
        TatraModel model = TatraModel.create(card.config(), tasks, 0);
        try {
            readParams(dir.resolve("encoder.params"), model.encoder(), model);
            for (Task t : tasks) {
                readParams(dir.resolve("heads/" + t.name() + ".params"), model.headBlock(t.name()), model);
                model.setScale(t.name(), scales.get(t.name()));
                model.setCalibration(t.name(), calibrations.get(t.name()));
            }
            checkFinite(dir, model);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return new Loaded(model, card, norm);
    }

    private static void writeParams(Path file, Block block) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            block.saveParameters(out);
        }
    }

    private static void readParams(Path file, Block block, TatraModel model) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            block.loadParameters(model.manager(), in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new TatraException(file + ": cannot read weights (" + e.getMessage() + "); the file is damaged or does not match the sizes in model.json", e);
        }
        block.getParameters().forEach(p -> p.getValue().getArray().setRequiresGradient(true));
    }

    /** Every file the card lists must be present with the checksum it was saved with. */
    /** Checks every file the card lists against its SHA-256; a mismatch or a missing file is refused, naming the file. */
    public static void verifyFiles(Path dir, ModelCard card) {
        if (card.files() == null) return; // a card from before checksums: nothing recorded to verify
        for (var e : card.files().entrySet()) {
            Path f = dir.resolve(e.getKey()).normalize();
            if (!f.startsWith(dir.normalize())) throw new TatraException(dir.resolve("model.json") + ": lists a file outside the model directory: " + e.getKey());
            if (!Files.isRegularFile(f)) throw new TatraException(f + " is missing; the model directory is incomplete: restore it or retrain");
            String actual;
            try {
                actual = sha256(f);
            } catch (IOException ex) {
                throw new TatraException("cannot read " + f + ": " + ex.getMessage(), ex);
            }
            if (!actual.equals(e.getValue()))
                throw new TatraException(f + " changed since the model was saved (SHA-256 " + abbreviate(actual) + ", the card says "
                        + abbreviate(e.getValue()) + "); the model is damaged: restore it or retrain");
        }
    }

    /** A NaN or infinite weight makes every forecast NaN: refuse it at load, not at the first "Up NaN%". */
    static void checkFinite(Path dir, TatraModel model) {
        checkFinite(dir, "encoder", model.encoder());
        for (Task t : model.tasks()) checkFinite(dir, "head " + t.name(), model.headBlock(t.name()));
    }

    private static void checkFinite(Path dir, String what, Block block) {
        for (var p : block.getParameters()) {
            float[] v = p.getValue().getArray().toFloatArray();
            for (int i = 0; i < v.length; i++)
                if (!Float.isFinite(v[i])) throw new TatraException(dir + ": the " + what + " weight " + p.getKey() + "[" + i + "] is " + v[i] + "; the model is damaged or diverged in training: retrain it");
        }
    }

    public static String sha256(Path f) throws IOException {
        try (var in = Files.newInputStream(f)) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String abbreviate(String hash) { return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash; }
}
