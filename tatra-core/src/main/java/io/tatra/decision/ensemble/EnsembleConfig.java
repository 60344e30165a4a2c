package io.tatra.decision.ensemble;

import io.tatra.Json;
import io.tatra.TatraException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every threshold of the ensemble, in one file (JSON with these field names; absent fields keep the defaults of
 * design document 003; {@code fitQuantiles} sets some from the validation part instead, {@link EnsembleQuantiles}).
 *
 * @param entryConfidence     the timing member's confidence must exceed this (0.65)
 * @param winProbability      the win-probability member's P(win) must exceed this (0.60)
 * @param fullConfidence      all agree and the ensemble confidence above this → full size (0.75)
 * @param halfConfidence      a majority agrees and the confidence above this → half size (0.65)
 * @param strongTiming        a timing confidence above this, with the sizer on its side → small size (0.75)
 * @param minConfidence       below this ensemble confidence, no trade (0.5)
 * @param maxRisk             a member's risk above this reduces or skips the trade (0.7)
 * @param highRisk            what a risk above {@code maxRisk} does
 * @param riskReduction       the size multiplier when {@code highRisk} is REDUCE (0.5)
 * @param half                the half tier's share of the sizer's size (0.5)
 * @param small               the small tier's share (0.25)
 */
public record EnsembleConfig(double entryConfidence, double winProbability, double fullConfidence, double halfConfidence, double strongTiming,
                             double minConfidence, double maxRisk, HighRisk highRisk, double riskReduction, double half, double small) {
    /** Reduce the size or skip the trade when a member's risk is too high. */
    public enum HighRisk { REDUCE, SKIP }

    public EnsembleConfig {
        for (double[] v : new double[][]{{entryConfidence}, {winProbability}, {fullConfidence}, {halfConfidence}, {strongTiming}, {minConfidence}, {maxRisk}})
            if (!(v[0] >= 0 && v[0] <= 1)) throw new IllegalArgumentException("every confidence, probability and risk threshold must be in [0, 1], got " + v[0]);
        if (highRisk == null) throw new IllegalArgumentException("highRisk must be REDUCE or SKIP");
        if (!(riskReduction > 0 && riskReduction <= 1)) throw new IllegalArgumentException("riskReduction must be in (0, 1], got " + riskReduction);
        if (!(half > 0 && half <= 1) || !(small > 0 && small <= half)) throw new IllegalArgumentException("tiers must satisfy 0 < small <= half <= 1, got half " + half + ", small " + small);
        if (halfConfidence > fullConfidence) throw new IllegalArgumentException("halfConfidence " + halfConfidence + " is above fullConfidence " + fullConfidence);
    }

    /** Design document 003's thresholds. */
    public static EnsembleConfig defaults() { return new EnsembleConfig(0.65, 0.60, 0.75, 0.65, 0.75, 0.5, 0.7, HighRisk.REDUCE, 0.5, 0.5, 0.25); }

    /** A config file's thresholds and, if it has {@code fitQuantiles}, the thresholds to fit on the validation part instead. */
    public record File(EnsembleConfig thresholds, EnsembleQuantiles fit) {}

    /** Reads a config file's fixed thresholds (see {@link #readFile}). */
    public static EnsembleConfig read(Path file) { return readFile(file).thresholds(); }

    /**
     * Reads a config file: the defaults, overridden by the file's fields, and optionally {@code fitQuantiles} (an object
     * of threshold names and quantiles, {@link EnsembleQuantiles}); a bad file is a user error naming it and the field.
     */
    public static File readFile(Path file) {
        String text;
        try {
            if (Files.size(file) > 1 << 20) throw new TatraException(file + ": an ensemble config over 1 MiB is not one");
            text = Files.readString(file);
        } catch (IOException e) {
            throw new TatraException("cannot read the ensemble config " + file + ": " + e.getMessage());
        }
        try {
            var defaults = Json.MAPPER.valueToTree(defaults());
            var given = Json.MAPPER.readTree(text);
            if (given == null || !given.isObject()) throw new TatraException(file + ": expected a JSON object of ensemble thresholds");
            EnsembleQuantiles fit = null;
            var q = ((com.fasterxml.jackson.databind.node.ObjectNode) given).remove("fitQuantiles");
            if (q != null) {
                try {
                    fit = Json.strict(EnsembleQuantiles.class).readValue(q);
                } catch (IOException e) {
                    throw new TatraException(file + ": fitQuantiles: " + rootMessage(e) + " (known: entryConfidence, winProbability, fullConfidence, halfConfidence, strongTiming)");
                }
            }
            for (var it = given.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!defaults.has(f)) throw new TatraException(file + ": unknown field '" + f + "' (known: " + String.join(", ", iterable(defaults.fieldNames())) + ")");
            }
            ((com.fasterxml.jackson.databind.node.ObjectNode) defaults).setAll((com.fasterxml.jackson.databind.node.ObjectNode) given);
            return new File(Json.strict(EnsembleConfig.class).readValue(defaults), fit);
        } catch (TatraException e) {
            throw e;
        } catch (IOException e) {
            throw new TatraException(file + ": not a valid ensemble config: " + rootMessage(e));
        }
    }

    private static Iterable<String> iterable(java.util.Iterator<String> it) {
        java.util.List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
