package io.tatra.model.eval;

import io.tatra.forecast.TaskSpec;
import io.tatra.metrics.Metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An {@link EvalReport} as a terminal table, Markdown, or a JSON-ready map. */
public final class ReportFormat {
    private ReportFormat() {}

    /** Plain-text tables, one per task, then the verdict lines. */
    public static String text(EvalReport r) { return render(r, false); }

    public static String markdown(EvalReport r) { return render(r, true); }

    private static String render(EvalReport r, boolean md) {
        StringBuilder sb = new StringBuilder();
        if (md) sb.append("# Tatra evaluation\n\n");
        sb.append(md ? "" : "").append(dataLine(r)).append(md ? "\n\n" : "\n\n");
        for (TaskSpec task : Metric.tasks()) {
            List<Metric> metrics = new ArrayList<>();
            for (Metric m : Metric.values()) if (m.task().equals(task) && r.scores().values().stream().anyMatch(s -> s.containsKey(m))) metrics.add(m);
            if (metrics.isEmpty()) continue;
            List<String> header = new ArrayList<>(List.of(task.name()));
            for (Metric m : metrics) header.add(m.label());
            List<List<String>> rows = new ArrayList<>();
            for (EvalReport.Entry c : r.contenders()) {
                Map<Metric, List<Double>> s = r.scores().get(c.code());
                if (s == null || metrics.stream().noneMatch(s::containsKey)) continue;
                List<String> row = new ArrayList<>(List.of(c.label()));
                for (Metric m : metrics) row.add(s.containsKey(m) ? cell(r.stat(c.code(), m), c.seeded() && r.seeds().size() > 1) : "—");
                rows.add(row);
            }
            sb.append(md ? markdownTable(header, rows) : textTable(header, rows)).append('\n');
        }
        for (String line : verdict(r)) sb.append(md ? "- " : "").append(line).append('\n');
        return sb.toString();
    }

    private static String dataLine(EvalReport r) {
        Map<String, Object> d = r.data();
        String seeds = r.seeds().isEmpty() ? "" : ", seeds " + r.seeds();
        if (d.containsKey("fold"))
            return String.format(Locale.ROOT, "%s %s, horizon %s bars, fold %s: %s train / %s validation / %s test windows, test %s .. %s%s",
                    d.get("symbols"), d.get("interval"), d.get("horizon"), d.get("fold"), d.get("train_windows"), d.get("validation_windows"),
                    d.get("test_windows"), d.get("test_from"), d.get("test_to"), seeds);
        return String.format(Locale.ROOT, "model trained on %s %s; %s test windows %s .. %s", d.get("model_symbols"), d.get("model_trained_on"),
                d.get("test_windows"), d.get("test_from"), d.get("test_to"));
    }

    static List<String> verdict(EvalReport r) {
        List<String> out = new ArrayList<>();
        if (!r.deltaM().isEmpty()) {
            EvalReport.Stat d = EvalReport.Stat.of(r.deltaM());
            out.add(String.format(Locale.ROOT, "Δm (unified vs specialists on log-loss, QLIKE, regime log-loss, Huber; + = unified better): %+.2f %% ± %.2f",
                    d.mean(), d.std()));
        }
        if (!r.contradiction().isEmpty()) {
            List<String> parts = new ArrayList<>();
            r.contradiction().forEach((c, v) -> {
                EvalReport.Stat s = EvalReport.Stat.of(v);
                parts.add(c + " " + (Double.isFinite(s.mean()) ? String.format(Locale.ROOT, "%.1f %%", 100 * s.mean()) : "n/a")
                        + (v.size() > 1 ? String.format(Locale.ROOT, " ± %.1f", 100 * s.std()) : ""));
            });
            out.add("contradiction rate (confident direction/regime/return pointing opposite ways): " + String.join(", ", parts));
        }
        List<Double> ratio = r.costRatio();
        if (!ratio.isEmpty()) {
            out.add(String.format(Locale.ROOT, "training cost: unified %.1f s, four specialists %.1f s (mean per seed); ratio %.2f",
                    EvalReport.Stat.of(r.seconds().get(ModelContenders.UNIFIED)).mean(), EvalReport.Stat.of(r.seconds().get(ModelContenders.SPECIALISTS)).mean(),
                    EvalReport.Stat.of(ratio).mean()));
        }
        if (r.seconds().containsKey(ModelContenders.PROBE_PRETRAINED) && r.seconds().containsKey(ModelContenders.PROBE_RANDOM))
            out.add(String.format(Locale.ROOT, "linear probes: pre-trained encoder %.1f s (pre-training included), random encoder %.1f s (mean per seed)",
                    EvalReport.Stat.of(r.seconds().get(ModelContenders.PROBE_PRETRAINED)).mean(), EvalReport.Stat.of(r.seconds().get(ModelContenders.PROBE_RANDOM)).mean()));
        List<String> fits = new java.util.ArrayList<>();
        r.seconds().forEach((code, v) -> { if (!v.isEmpty()) fits.add(String.format(Locale.ROOT, "%s %.1f s", code, EvalReport.Stat.of(v).mean())); });
        if (!fits.isEmpty()) out.add("fit time (mean per seed): " + String.join(", ", fits));
        if (r.data().get("extra_tasks") instanceof List<?> extra && !extra.isEmpty()) {
            out.add("other heads (each against the constant hardest to beat on its own windows):");
            for (String line : ExtraTasks.lines(extra)) out.add("  " + line);
        }
        if (r.data().get("collapsed") instanceof List<?> collapsed)
            for (Object c : collapsed) out.add("WARNING collapsed head: " + c);
        return out;
    }

    /** The report as nested maps: per task, per contender, per metric {mean, std, runs}, plus the verdict keys. */
    public static Map<String, Object> json(EvalReport r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", r.data());
        out.put("seeds", r.seeds());
        Map<String, Object> names = new LinkedHashMap<>();
        for (EvalReport.Entry e : r.contenders()) names.put(e.code(), Map.of("label", e.label(), "seeded", e.seeded()));
        out.put("contenders", names);
        if (!r.deltaM().isEmpty()) {
            EvalReport.Stat d = EvalReport.Stat.of(r.deltaM());
            out.put("delta_m_pct", d.mean());
            out.put("delta_m_pct_std", d.std());
            out.put("delta_m_pct_runs", d.runs());
            Map<String, String> prim = new LinkedHashMap<>();
            for (TaskSpec t : io.tatra.forecast.CoreTasks.ALL) prim.put(t.name(), Metric.primary(t).code());
            out.put("delta_m_metrics", prim);
        }
        Map<String, Object> contra = new LinkedHashMap<>(), contraDetail = new LinkedHashMap<>();
        r.contradiction().forEach((c, v) -> {
            contra.put(c, EvalReport.Stat.of(v).mean());
            contraDetail.put(c, stat(EvalReport.Stat.of(v)));
        });
        out.put("contradiction_rate", contra);
        out.put("contradiction_rate_detail", contraDetail);
        Map<String, Object> cost = new LinkedHashMap<>();
        r.seconds().forEach((k, v) -> cost.put(k, stat(EvalReport.Stat.of(v))));
        if (!r.costRatio().isEmpty()) cost.put("unified_over_specialists", stat(EvalReport.Stat.of(r.costRatio())));
        out.put("fit_seconds", cost);
        Map<String, Object> tasks = new LinkedHashMap<>();
        for (TaskSpec t : Metric.tasks()) {
            Map<String, Object> perModel = new LinkedHashMap<>();
            r.scores().forEach((c, s) -> {
                Map<String, Object> ms = new LinkedHashMap<>();
                s.forEach((m, v) -> { if (m.task().equals(t)) ms.put(m.code(), stat(EvalReport.Stat.of(v))); });
                if (!ms.isEmpty()) perModel.put(c, ms);
            });
            if (!perModel.isEmpty()) tasks.put(t.name(), perModel);
        }
        out.put("tasks", tasks);
        return out;
    }

    private static Map<String, Object> stat(EvalReport.Stat s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", finite(s.mean()));
        m.put("std", finite(s.std()));
        m.put("runs", s.runs().stream().map(ReportFormat::finite).toList());
        return m;
    }

    /** JSON has no NaN: undefined values (e.g. the IC of a constant forecast) become null. */
    private static Double finite(double v) { return Double.isFinite(v) ? v : null; }

    private static String cell(EvalReport.Stat s, boolean withStd) {
        if (!Double.isFinite(s.mean())) return "n/a";
        return withStd ? String.format(Locale.ROOT, "%.4f ± %.4f", s.mean(), s.std()) : String.format(Locale.ROOT, "%.4f", s.mean());
    }

    private static String textTable(List<String> header, List<List<String>> rows) {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (List<String> r : rows) w[i] = Math.max(w[i], r.get(i).length());
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, header, w);
        for (List<String> r : rows) appendRow(sb, r, w);
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] w) {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            sb.append(i == 0 ? String.format("%-" + w[i] + "s", c) : "  " + String.format("%" + w[i] + "s", c));
        }
        sb.append('\n');
    }

    private static String markdownTable(List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder("| " + String.join(" | ", header) + " |\n|");
        for (int i = 0; i < header.size(); i++) sb.append(i == 0 ? "---|" : "---:|");
        sb.append('\n');
        for (List<String> r : rows) sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        return sb.toString();
    }
}
