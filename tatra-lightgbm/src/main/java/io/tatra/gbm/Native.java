package io.tatra.gbm;

import com.microsoft.ml.lightgbm.lightgbmlib;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import io.tatra.TatraException;

/** Loads LightGBM's native library once (from lightgbm4j's jar) and turns native errors into exceptions. */
final class Native {
    private Native() {}

    static synchronized void load() {
        if (LGBMBooster.isNativeLoaded()) return;
        try {
            LGBMBooster.loadNative();
        } catch (java.io.IOException | UnsatisfiedLinkError e) {
            throw new TatraException("cannot load LightGBM's native library (lightgbm4j, linux x86_64/aarch64): " + e.getMessage(), e);
        }
    }

    /** Throws with LightGBM's last error when a C API call returned non-zero. */
    static void check(int rc, String what) {
        if (rc != 0) throw new IllegalStateException("LightGBM " + what + " failed: " + lightgbmlib.LGBM_GetLastError());
    }

    /** lightgbm4j's checked exception as an unchecked one, with what was being done. */
    static IllegalStateException wrap(LGBMException e, String what) {
        return new IllegalStateException("LightGBM " + what + " failed: " + e.getMessage(), e);
    }
}
