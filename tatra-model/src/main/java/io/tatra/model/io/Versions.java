package io.tatra.model.io;

import ai.djl.engine.Engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** Library versions recorded in every saved model. */
public final class Versions {
    private Versions() {}

    public static Map<String, String> current() {
        Map<String, String> v = new LinkedHashMap<>();
        String tatra = Versions.class.getPackage().getImplementationVersion();
        v.put("tatra", tatra == null ? "dev" : tatra);
        v.put("djl", Engine.getDjlVersion());
        v.put("pytorch", Engine.getEngine("PyTorch").getVersion());
        v.put("java", Runtime.version().toString());
        return v;
    }
}
