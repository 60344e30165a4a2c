package io.tatra.gbm;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;

/**
 * A trained booster, loaded from its text form into a native handle this object owns. Predictions call LightGBM's
 * C API directly, a row at a time from the Java array, into an output buffer sized by {@code LGBM_BoosterCalcNumPredict}
 * (classes, or (features + 1) × classes for contributions): lightgbm4j 4.3.0-1's own batch predict sizes its buffer
 * rows × 1 for multiclass models and the native code writes past it. Not thread-safe for concurrent close; predictions may run
 * from several threads (LightGBM's predictor is re-entrant).
 */
public final class GbmModel implements AutoCloseable {
    private final String text;
    private final int features, classes, iterations;
    private SWIGTYPE_p_void handle;
    private final SWIGTYPE_p_p_void handlePtr;

    /** Loads a booster from LightGBM's model text ({@link #text()}). */
    public static GbmModel fromText(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty LightGBM model text");
        return new GbmModel(text);
    }

    private GbmModel(String text) {
        Native.load();
        this.text = text;
        handlePtr = lightgbmlib.new_voidpp();
        SWIGTYPE_p_int iters = lightgbmlib.new_intp(), f = lightgbmlib.new_intp(), k = lightgbmlib.new_intp();
        try {
            Native.check(lightgbmlib.LGBM_BoosterLoadModelFromString(text, iters, handlePtr), "loading the model text");
            handle = lightgbmlib.voidpp_value(handlePtr);
            Native.check(lightgbmlib.LGBM_BoosterGetNumFeature(handle, f), "reading the feature count");
            Native.check(lightgbmlib.LGBM_BoosterGetNumClasses(handle, k), "reading the class count");
            iterations = lightgbmlib.intp_value(iters);
            features = lightgbmlib.intp_value(f);
            classes = lightgbmlib.intp_value(k);
        } finally {
            lightgbmlib.delete_intp(iters);
            lightgbmlib.delete_intp(f);
            lightgbmlib.delete_intp(k);
        }
    }

    /** LightGBM's text form: trees, parameters, feature names. What a model directory stores. */
    public String text() { return text; }

    public int features() { return features; }

    /** Outputs per row: the number of classes for multiclass, else 1. */
    public int outputs() { return classes; }

    /** Boosting rounds kept (the best round found by early stopping). */
    public int iterations() { return iterations; }

    /** Predictions for {@code rows} rows of {@code x} (row-major, NaN = missing): {@code [rows × outputs]}, in label units. */
    public double[] predict(double[] x, int rows) { return predict(x, rows, lightgbmlibConstants.C_API_PREDICT_NORMAL); }

    /** Raw scores (before the link function): {@code [rows × outputs]}. */
    public double[] predictRaw(double[] x, int rows) { return predict(x, rows, lightgbmlibConstants.C_API_PREDICT_RAW_SCORE); }

    /**
     * SHAP values (TreeSHAP, computed by LightGBM): {@code [rows × outputs × (features + 1)]}, the last of each block the
     * expected value; each block sums to the row's raw score for that output.
     */
    public double[] contributions(double[] x, int rows) { return predict(x, rows, lightgbmlibConstants.C_API_PREDICT_CONTRIB); }

    /** Total gain ({@code gain = true}) or number of splits of each feature over the kept rounds. */
    public double[] importance(boolean gain) {
        SWIGTYPE_p_double out = lightgbmlib.new_doubleArray(features);
        try {
            Native.check(lightgbmlib.LGBM_BoosterFeatureImportance(live(), iterations, gain ? lightgbmlibConstants.C_API_FEATURE_IMPORTANCE_GAIN
                    : lightgbmlibConstants.C_API_FEATURE_IMPORTANCE_SPLIT, out), "feature importance");
            double[] r = new double[features];
            for (int i = 0; i < features; i++) r[i] = lightgbmlib.doubleArray_getitem(out, i);
            return r;
        } finally {
            lightgbmlib.delete_doubleArray(out);
        }
    }

    private double[] predict(double[] x, int rows, int type) {
        if (rows < 1) throw new IllegalArgumentException("predict needs at least one row, got " + rows);
        if (x.length != (long) rows * features) throw new IllegalArgumentException(x.length + " values are not " + rows + " rows of " + features + " features");
        SWIGTYPE_p_long_long len = lightgbmlib.new_int64_tp();
        SWIGTYPE_p_double out = null;
        try {
            Native.check(lightgbmlib.LGBM_BoosterCalcNumPredict(live(), 1, type, 0, iterations, len), "sizing the prediction");
            long per = lightgbmlib.int64_tp_value(len);
            if ((long) rows * per > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("prediction of " + rows + " × " + per + " values is too large; predict in smaller batches");
            out = lightgbmlib.new_doubleArray(per);
            double[] r = new double[(int) (rows * per)], row = new double[features];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(x, i * features, row, 0, features);
                // one row per call, straight from the Java array (a JNI critical section); the output buffer holds one row's values
                Native.check(lightgbmlib.LGBM_BoosterPredictForMatSingle(row, live(), lightgbmlibConstants.C_API_DTYPE_FLOAT64, features, 1, type,
                        0, iterations, "num_threads=1", len, out), "prediction");
                if (lightgbmlib.int64_tp_value(len) != per) throw new IllegalStateException("LightGBM wrote " + lightgbmlib.int64_tp_value(len) + " values, " + per + " expected");
                for (int j = 0; j < per; j++) r[(int) (i * per + j)] = lightgbmlib.doubleArray_getitem(out, j);
            }
            return r;
        } finally {
            lightgbmlib.delete_int64_tp(len);
            if (out != null) lightgbmlib.delete_doubleArray(out);
        }
    }

    private SWIGTYPE_p_void live() {
        if (handle == null) throw new IllegalStateException("the LightGBM model is closed");
        return handle;
    }

    @Override
    public synchronized void close() {
        if (handle == null) return;
        lightgbmlib.LGBM_BoosterFree(handle);
        lightgbmlib.delete_voidpp(handlePtr);
        handle = null;
    }
}
