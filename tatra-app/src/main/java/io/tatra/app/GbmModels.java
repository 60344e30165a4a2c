package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.dataset.Dataset;
import io.tatra.dataset.Fold;
import io.tatra.dataset.FoldWindows;
import io.tatra.dataset.Normalization;
import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.TaskSpec;
import io.tatra.gbm.GbmConfig;
import io.tatra.gbm.GbmForecaster;
import io.tatra.gbm.GbmModel;
import io.tatra.gbm.GbmObjective;
import io.tatra.gbm.GbmTask;
import io.tatra.gbm.WindowSummary;
import io.tatra.model.io.ModelCard;
import io.tatra.model.io.ModelStore;
import io.tatra.model.workflow.Workflows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * LightGBM model directories with the unified model's provenance: {@code model.json} (a {@link ModelCard} of kind
 * {@value ModelStore#LIGHTGBM}: data, training and validation ranges, feature schema, labels, each task's objective and
 * target scaling, the boosters' rounds and validation metrics, SHA-256 of every file), {@code normalization.json} and
 * {@code trees/TASK.txt} (LightGBM's text form). Loading verifies the checksums and refuses another feature schema.
 */
public final class GbmModels {
    private GbmModels() {}

    /** A loaded LightGBM model: the forecaster, its card and the normalization its inputs need. Close it to free the boosters. */
    public record Loaded(GbmForecaster forecaster, ModelCard card, Normalization normalization) implements AutoCloseable {
        @Override public void close() { forecaster.close(); }
    }

    /** Trains one booster per core task on fold {@code fold}'s training windows (early stopping on its validation windows) and saves them. */
    public static ModelCard train(Dataset ds, int fold, GbmConfig cfg, Path out, Consumer<String> log) {
        FoldWindows w = new FoldWindows(ds, fold, ds.samples(fold, Fold.Part.TRAIN), ds.samples(fold, Fold.Part.VALIDATION), List.of());
        WindowSummary ws = WindowSummary.of(w);
        double[] xTr = ws.rows(w.train()), xVa = ws.rows(w.validation());
        List<GbmForecaster.Head> heads = new ArrayList<>();
        Map<String, Object> training = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        try {
            for (TaskSpec spec : CoreTasks.ALL) {
                GbmTask.Trained t = GbmTask.train(w, spec, xTr, xVa, cfg, log);
                heads.add(new GbmForecaster.Head(t.task(), t.result().model()));
                training.put(spec.name(), Map.of("objective", t.task().objective().name(), "rounds", t.result().bestRound(),
                        "validation_" + t.task().objective().metric(), t.result().bestValidation()));
            }
            training.put("gbm", cfg);
            training.put("train_windows", w.train().size());
            training.put("validation_windows", w.validation().size());
            training.put("seconds", (System.nanoTime() - t0) / 1e9);
            training.put("inputs", "window summary: each feature's last value and its 24- and 96-step means (" + WindowSummary.COLUMNS + " columns)");
            ModelCard card = Workflows.card(ModelStore.LIGHTGBM, ds, fold, null, training, Map.of(), null);
            try (GbmForecaster f = new GbmForecaster(heads)) {
                save(out, f, card, ds.normalizations().get(fold));
            }
            return ModelStore.card(out);
        } catch (RuntimeException e) {
            for (GbmForecaster.Head h : heads) h.model().close();
            throw e;
        }
    }

    static void save(Path target, GbmForecaster f, ModelCard card, Normalization norm) {
        io.tatra.AtomicWrite.directory(target, io.tatra.AtomicWrite.Existing.REPLACE, dir -> {
            try {
                Files.createDirectories(dir.resolve("trees"));
                List<ModelCard.TaskCard> tasks = new ArrayList<>();
                Map<String, String> files = new LinkedHashMap<>();
                for (GbmForecaster.Head h : f.heads()) {
                    GbmTask t = h.task();
                    String file = "trees/" + t.spec().name() + ".txt";
                    Files.writeString(dir.resolve(file), h.model().text());
                    files.put(file, ModelStore.sha256(dir.resolve(file)));
                    tasks.add(new ModelCard.TaskCard(t.spec().name(), t.objective().name(), t.classes(), t.center(), t.scale(), false));
                }
                io.tatra.Json.PRETTY.writeValue(dir.resolve("normalization.json").toFile(), norm);
                files.put("normalization.json", ModelStore.sha256(dir.resolve("normalization.json")));
                io.tatra.Json.PRETTY.writeValue(dir.resolve("model.json").toFile(), card.withTasks(tasks).withFiles(files));
            } catch (IOException e) {
                throw new TatraException("cannot write the LightGBM model to " + dir + ": " + e.getMessage(), e);
            }
        });
    }

    public static boolean isLightGbm(Path dir) { return ModelStore.LIGHTGBM.equals(ModelStore.card(dir).kind()); }

    public static Loaded load(Path dir, String expectedSchema) {
        ModelCard card = ModelStore.card(dir);
        if (!ModelStore.LIGHTGBM.equals(card.kind())) throw new TatraException(dir + " is a " + card.kind() + " model, not a LightGBM one");
        ModelStore.verifyFiles(dir, card);
        if (!card.featureSchema().equals(expectedSchema))
            throw new TatraException("model " + dir + " was trained on another feature schema than this build computes; retrain it with this build (tatra train --kind lightgbm)");
        Normalization norm;
        try {
            norm = io.tatra.Json.MAPPER.readValue(dir.resolve("normalization.json").toFile(), Normalization.class);
        } catch (IOException e) {
            throw new TatraException(dir.resolve("normalization.json") + ": " + e.getMessage(), e);
        }
        List<GbmForecaster.Head> heads = new ArrayList<>();
        try {
            for (ModelCard.TaskCard tc : card.tasks()) {
                TaskSpec spec = CoreTasks.ALL.stream().filter(s -> s.name().equals(tc.name())).findFirst()
                        .orElseThrow(() -> new TatraException(dir.resolve("model.json") + ": unknown LightGBM task '" + tc.name() + "'"));
                GbmObjective objective;
                try {
                    objective = GbmObjective.valueOf(tc.kind());
                } catch (IllegalArgumentException e) {
                    throw new TatraException(dir.resolve("model.json") + ": task " + tc.name() + " has objective '" + tc.kind() + "', not a LightGBM objective");
                }
                Path file = dir.resolve("trees/" + tc.name() + ".txt");
                heads.add(new GbmForecaster.Head(new GbmTask(spec, objective, tc.classes(), tc.center(), tc.scale()), GbmModel.fromText(Files.readString(file))));
            }
        } catch (IOException | RuntimeException e) {
            for (GbmForecaster.Head h : heads) h.model().close();
            if (e instanceof TatraException te) throw te;
            throw new TatraException(dir + ": cannot read the LightGBM boosters: " + e.getMessage(), e);
        }
        return new Loaded(new GbmForecaster(heads), card, norm);
    }
}
