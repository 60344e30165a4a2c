package io.tatra.report;

import io.tatra.app.ExplainService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code tatra explain}'s self-contained page (ECharts inlined, no network) and its Markdown tables. */
public final class ExplainPage {
    /** Columns shown in the SHAP and gain charts. */
    static final int TOP = 25;

    private ExplainPage() {}

    public static String html(ExplainService.Explanation e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("title", "Tatra explain: " + e.task() + " on " + e.symbols() + " " + e.interval());
        d.put("subtitle", String.format(Locale.ROOT, "LightGBM on window summaries, trained on %,d windows (%s .. %s), %d rounds kept (validation %s %.5f); SHAP on %,d %s",
                e.trainWindows(), e.trainFrom(), e.trainTo(), e.rounds(), e.metric(), e.validationMetric(), e.explainedWindows(), e.explainedOn()));
        d.put("honesty", "Importance is what this booster relies on, not causation; correlated features share credit. Single-feature figures use training windows only.");
        d.put("miNote", String.format(Locale.ROOT, "Mutual information: 10 equal-count bins; the plug-in estimate is biased upwards by about %.5f bits at this sample size.", e.miBiasBits()));
        d.put("top", e.columns().subList(0, Math.min(TOP, e.columns().size())));
        d.put("features", e.features());
        d.put("featureNames", e.featureNames());
        d.put("spearman", cells(e.spearman()));
        d.put("pearson", cells(e.pearson()));
        String json;
        try {
            json = HtmlReport.scriptSafe(io.tatra.Json.MAPPER.writeValueAsString(d));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        return HtmlReport.resourceText("/io/tatra/report/explain.html").replace("/*ECHARTS*/", HtmlReport.echartsScript()).replace("/*DATA*/", json);
    }

    private static List<double[]> cells(double[][] m) {
        List<double[]> out = new ArrayList<>();
        for (int a = 0; a < m.length; a++) for (int b = 0; b < m.length; b++) out.add(new double[]{b, a, Math.round(m[a][b] * 1000) / 1000.0});
        return out;
    }

    public static String markdown(ExplainService.Explanation e) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Tatra explain: ").append(e.task()).append(" on ").append(e.symbols()).append(' ').append(e.interval()).append("\n\n");
        sb.append(String.format(Locale.ROOT, "LightGBM trained on %,d windows (%s .. %s), early-stopped on %,d; %d rounds kept, validation %s %.5f. SHAP on %,d %s.%n%n",
                e.trainWindows(), e.trainFrom(), e.trainTo(), e.validationWindows(), e.rounds(), e.metric(), e.validationMetric(), e.explainedWindows(), e.explainedOn()));
        sb.append("## Columns by mean |SHAP|\n\n| column | mean abs SHAP | gain | splits |\n|---|---:|---:|---:|\n");
        for (ExplainService.Column c : e.columns().subList(0, Math.min(TOP, e.columns().size())))
            sb.append(String.format(Locale.ROOT, "| %s | %.5f | %.1f | %.0f |%n", c.name(), c.meanAbsShap(), c.gain(), c.splits()));
        sb.append(String.format(Locale.ROOT, "%n## Each feature on its own (training windows)%n%nMI bias ≈ %.5f bits.%n%n| feature | rank IC | MI (bits) |%n|---|---:|---:|%n", e.miBiasBits()));
        for (ExplainService.FeaturePower p : e.features()) sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f |%n", p.name(), p.rankIc(), p.mutualInformationBits()));
        return sb.toString();
    }
}
