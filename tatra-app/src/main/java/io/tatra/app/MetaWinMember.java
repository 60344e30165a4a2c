package io.tatra.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.tatra.Json;
import io.tatra.TatraException;
import io.tatra.dataset.SymbolData;
import io.tatra.decision.TradeDecision;
import io.tatra.features.Feature;
import io.tatra.gbm.MetaLabelModel;
import io.tatra.market.Interval;
import io.tatra.meta.BarMetaLabels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Design document 003's LightGBM win probability — a {@code tatra meta-label} directory — as the ensemble's win
 * member: for a window and a side, the model's P(win) of that trade, its features built as the model was trained on
 * them: the side, the primary rule's strength and σ (bar-trained models), the primary decision's trace
 * ({@code decision.*}, journal-trained models: the ensemble's sizer decision on the same window) and the decision bar's
 * 64 market features. A feature it cannot build is refused by name when the member loads.
 */
final class MetaWinMember implements AutoCloseable {
    private final Path dir;
    private final MetaLabelModel model;
    private final BarMetaLabels.Config barriers;
    private final Instant seenTo;
    private final List<String> names;
    private final Map<String, Integer> market = new HashMap<>();

    private MetaWinMember(Path dir, MetaLabelModel model, BarMetaLabels.Config barriers, Instant seenTo) {
        this.dir = dir;
        this.model = model;
        this.barriers = barriers;
        this.seenTo = seenTo;
        this.names = model.featureNames();
        for (Feature f : Feature.values()) market.put("market." + f.name().toLowerCase(Locale.ROOT), f.ordinal());
        for (String n : names)
            if (!n.equals("side") && !n.startsWith("decision.") && !market.containsKey(n) && !(barriers != null && n.startsWith("primary.")))
                throw new TatraException(dir + ": the meta-label model reads '" + n + "', which the ensemble cannot build");
    }

    /** Whether {@code dir} is a meta-label model directory. */
    static boolean is(Path dir) { return Files.isRegularFile(dir.resolve("meta.json")); }

    static MetaWinMember load(Path dir, Interval interval, String schemaHash) {
        JsonNode m;
        try {
            m = Json.MAPPER.readTree(Files.readString(dir.resolve("meta.json")));
        } catch (IOException e) {
            throw new TatraException(dir.resolve("meta.json") + ": cannot read: " + e.getMessage());
        }
        if (!"tatra-meta-label-1".equals(m.path("format").asText())) throw new TatraException(dir + ": not a tatra meta-label model (format " + m.path("format").asText() + ")");
        if (!m.hasNonNull("return_scale")) throw new TatraException(dir + ": saved before meta-label models kept their return scale; train it again (tatra meta-label … --out)");
        List<String> names = new ArrayList<>();
        m.path("feature_names").forEach(n -> names.add(n.asText()));
        boolean readsMarket = names.stream().anyMatch(n -> n.startsWith("market."));
        if (readsMarket && !interval.code().equals(m.path("market_interval").asText()))
            throw new TatraException(dir + ": trained on " + m.path("market_interval").asText() + " bars, the ensemble trades " + interval.code());
        if (readsMarket && !schemaHash.equals(m.path("feature_schema").asText()))
            throw new TatraException(dir + ": trained on another feature schema (" + m.path("feature_schema").asText() + "); train it again");
        MetaLabelModel.Labels labels = new MetaLabelModel.Labels(m.path("labels").path("main").asText("win_30m"), m.path("labels").path("early").asText("win_5m"));
        Map<String, String> texts = new HashMap<>();
        for (String l : new String[]{labels.main(), labels.early(), "return"}) {
            try {
                texts.put(l, Files.readString(dir.resolve(l + ".txt")));
            } catch (IOException e) {
                throw new TatraException(dir.resolve(l + ".txt") + ": cannot read: " + e.getMessage());
            }
        }
        BarMetaLabels.Config barriers = m.has("barriers") ? Json.MAPPER.convertValue(m.get("barriers"), BarMetaLabels.Config.class) : null;
        try {
            return new MetaWinMember(dir, MetaLabelModel.of(texts, names, m.path("threshold").asDouble(), m.path("return_scale").asDouble(), labels), barriers,
                    Instant.parse(m.path("test_from").asText()));
        } catch (IllegalArgumentException e) {
            throw new TatraException(dir + ": " + e.getMessage());
        }
    }

    /** The last time the model's training or early stopping saw (its test part starts there): bars before it are in-sample. */
    Instant seenTo() { return seenTo; }

    Path dir() { return dir; }

    /** P(win) of a trade on {@code side} (+1 / −1) decided at {@code row}'s close, with the primary decision there. */
    double pWin(SymbolData s, int row, int side, TradeDecision primary) {
        double[] f = new double[names.size()];
        double[] prim = barriers == null ? null : BarMetaLabels.primaryFeatures(s.bars(), row, barriers);
        for (int i = 0; i < f.length; i++) {
            String n = names.get(i);
            Integer j = market.get(n);
            if (n.equals("side")) f[i] = side;
            else if (j != null) f[i] = s.features()[row * Feature.COUNT + j];
            else if (n.startsWith("decision.")) {
                Double v = primary == null ? null : primary.trace().get(n.substring("decision.".length()));
                f[i] = v == null ? Double.NaN : v;
            } else f[i] = n.equals("primary.momentum_z") ? prim[0] : n.equals("primary.sigma") ? prim[1] : Double.NaN;
        }
        return model.predict(f)[0];
    }

    @Override public void close() { model.close(); }
}
