package io.tatra.gbm;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Trains one booster with early stopping written out by hand (lightgbm4j ignores {@code early_stopping_round}): one
 * round at a time, the validation metric read after each, training stops after {@code patience} rounds without a
 * better one, and the model keeps the rounds up to the best (later rounds are dropped, not just ignored).
 */
public final class GbmTrainer {
    private GbmTrainer() {}

    /** Rows and labels: {@code x} row-major {@code [rows × features]} (NaN = missing), {@code y} one label per row. */
    public record Data(double[] x, int rows, int features, float[] y) {
        public Data {
            if (rows < 1 || features < 1) throw new IllegalArgumentException("data needs rows and features, got " + rows + " × " + features);
            if (x.length != (long) rows * features) throw new IllegalArgumentException(x.length + " values are not " + rows + " rows of " + features);
            if (y.length != rows) throw new IllegalArgumentException(y.length + " labels for " + rows + " rows");
            for (int i = 0; i < rows; i++) if (!Float.isFinite(y[i])) throw new IllegalArgumentException("label at row " + i + " is " + y[i]);
        }
    }

    /** The trained model, the round it kept, its validation metric, the validation metric of every round tried, seconds. */
    public record Result(GbmModel model, int bestRound, double bestValidation, double[] curve, double seconds) implements AutoCloseable {
        @Override public void close() { model.close(); }
    }

    public static Result train(Data train, Data validation, GbmObjective objective, int classes, GbmConfig cfg, List<String> featureNames,
                               Consumer<String> progress) {
        if (train.features() != validation.features())
            throw new IllegalArgumentException("training has " + train.features() + " features, validation " + validation.features());
        if (featureNames != null && featureNames.size() != train.features())
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + train.features() + " features");
        checkLabels(train, objective, classes, "training");
        checkLabels(validation, objective, classes, "validation");
        Native.load();
        long t0 = System.nanoTime();
        String params = cfg.params(objective, classes);
        List<Double> curve = new ArrayList<>();
        try (LGBMDataset tr = LGBMDataset.createFromMat(train.x(), train.rows(), train.features(), true, params, null);
             LGBMDataset va = LGBMDataset.createFromMat(validation.x(), validation.rows(), validation.features(), true, params, tr)) {
            tr.setField("label", train.y());
            va.setField("label", validation.y());
            if (featureNames != null) tr.setFeatureNames(featureNames.stream().map(GbmTrainer::safeName).toArray(String[]::new));
            try (LGBMBooster booster = LGBMBooster.create(tr, params)) {
                booster.addValidData(va);
                double best = Double.POSITIVE_INFINITY;
                int bestRound = 0;
                for (int round = 1; round <= cfg.maxRounds(); round++) {
                    boolean finished = booster.updateOneIter();
                    double m = booster.getEval(1)[0];
                    curve.add(m);
                    if (m < best - 1e-12) {
                        best = m;
                        bestRound = round;
                    } else if (round - bestRound >= cfg.patience()) break;
                    if (finished) break;
                    if (progress != null && round % 100 == 0)
                        progress.accept(String.format(java.util.Locale.ROOT, "round %d: validation %s %.5f (best %.5f at %d)", round, objective.metric(), m, best, bestRound));
                }
                if (bestRound == 0) throw new IllegalStateException("LightGBM made no round with a finite validation " + objective.metric());
                String text = booster.saveModelToString(0, bestRound, LGBMBooster.FeatureImportanceType.GAIN);
                return new Result(GbmModel.fromText(text), bestRound, best, curve.stream().mapToDouble(Double::doubleValue).toArray(), (System.nanoTime() - t0) / 1e9);
            }
        } catch (LGBMException e) {
            throw Native.wrap(e, "training (" + objective + ")");
        }
    }

    private static void checkLabels(Data d, GbmObjective objective, int classes, String part) {
        for (int i = 0; i < d.rows(); i++) {
            float v = d.y()[i];
            boolean ok = switch (objective) {
                case MULTICLASS -> v == Math.rint(v) && v >= 0 && v < classes;
                case BINARY -> v == 0 || v == 1;
                case GAMMA -> v > 0;
                case POISSON -> v >= 0;
                case HUBER -> true;
            };
            if (!ok) throw new IllegalArgumentException(part + " label " + v + " at row " + i + " is not valid for " + objective
                    + (objective == GbmObjective.MULTICLASS ? " with " + classes + " classes" : ""));
        }
        if (objective == GbmObjective.MULTICLASS && classes < 2) throw new IllegalArgumentException("multiclass needs at least 2 classes, got " + classes);
    }

    /** LightGBM refuses some characters in feature names (JSON specials); they become '_'. */
    static String safeName(String n) { return n.replaceAll("[^A-Za-z0-9_.\\-]", "_"); }
}
