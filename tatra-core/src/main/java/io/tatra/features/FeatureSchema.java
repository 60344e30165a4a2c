package io.tatra.features;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Identity of the feature set a model was trained on: a SHA-256 over every feature's id, formula, warm-up
 * and scaling flag, plus the {@link FeatureConfig} (order books in use or not). Any change to the catalogue changes the hash, so a saved
 * model or dataset built with another feature set is refused instead of silently fed wrong columns.
 */
public record FeatureSchema(String version, List<String> featureIds, String hash) {
    public static final String VERSION = "tatra-features-1";

    public static FeatureSchema of(FeatureConfig config) {
        StringBuilder sb = new StringBuilder(VERSION).append('\n');
        List<String> ids = new java.util.ArrayList<>();
        for (Feature f : Feature.values()) {
            ids.add(f.id());
            sb.append(f.id()).append('|').append(f.formula()).append('|').append(f.warmup()).append('|').append(f.normalized()).append('\n');
        }
        sb.append(config.fundingMaxAge()).append('|').append(config.openInterestMaxAge()).append('|').append(config.bookMaxAge());
        if (config.books()) sb.append("|books"); // absent when off: the default's hash (and every model saved before) stays valid
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return new FeatureSchema(VERSION, List.copyOf(ids), HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public int width() { return featureIds.size(); }
}
