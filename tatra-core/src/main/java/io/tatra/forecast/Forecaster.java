package io.tatra.forecast;

import java.util.List;

/**
 * Maps one normalized input window to forecasts. Engine-neutral: the unified DJL model, a specialist, a tree model
 * or a rule can stand behind it, and fusion reads only the {@link Forecast}.
 */
public interface Forecaster {
    /** The tasks it forecasts. */
    List<TaskSpec> tasks();

    /**
     * @param window {@code [window × features]} normalized inputs, row-major, oldest step first; the last step is
     *               the bar being decided on. The array may be reused by the caller after the call.
     */
    Forecast forecast(float[] window);
}
