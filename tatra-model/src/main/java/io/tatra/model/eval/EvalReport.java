package io.tatra.model.eval;

import io.tatra.forecast.Contender;
import io.tatra.metrics.Metric;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one evaluation measured, run by run: the contenders in report order, per contender code and metric
 * one value per seed (deterministic contenders have one), the contradiction rates, Δm per seed and the seconds
 * each contender's fit took (per seed).
 */
public record EvalReport(Map<String, Object> data, List<Long> seeds, List<Entry> contenders, Map<String, Map<Metric, List<Double>>> scores,
                         Map<String, List<Double>> contradiction, List<Double> deltaM, Map<String, List<Double>> seconds) {

    /** A contender as the report names it. */
    public record Entry(String code, String label, boolean seeded) {}

    /** Mean, sample standard deviation (0 for one run) and the runs. */
    public record Stat(double mean, double std, List<Double> runs) {
        public static Stat of(List<Double> runs) {
            List<Double> ok = runs.stream().filter(Double::isFinite).toList();
            if (ok.isEmpty()) return new Stat(Double.NaN, Double.NaN, runs);
            double m = ok.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), ss = 0;
            for (double v : ok) ss += (v - m) * (v - m);
            return new Stat(m, ok.size() > 1 ? Math.sqrt(ss / (ok.size() - 1)) : 0, List.copyOf(runs));
        }
    }

    public Stat stat(String contender, Metric m) {
        List<Double> v = scores.getOrDefault(contender, Map.of()).get(m);
        return v == null ? null : Stat.of(v);
    }

    /** The cost ratio per seed: unified fit seconds / the four specialists' together. */
    public List<Double> costRatio() {
        List<Double> u = seconds.getOrDefault(ModelContenders.UNIFIED, List.of()), s = seconds.getOrDefault(ModelContenders.SPECIALISTS, List.of());
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < Math.min(u.size(), s.size()); i++) out.add(u.get(i) / s.get(i));
        return out;
    }

    /** Collects values while the evaluation runs. */
    static final class Builder {
        final Map<String, Object> data = new LinkedHashMap<>();
        final List<Long> seeds = new ArrayList<>();
        final List<Entry> contenders = new ArrayList<>();
        final Map<String, Map<Metric, List<Double>>> scores = new LinkedHashMap<>();
        final Map<String, List<Double>> contradiction = new LinkedHashMap<>();
        final List<Double> deltaM = new ArrayList<>();
        final Map<String, List<Double>> seconds = new LinkedHashMap<>();

        void declare(Contender c) { declare(c.code(), c.label(), c.seeded()); }

        void declare(String code, String label, boolean seeded) { contenders.add(new Entry(code, label, seeded)); }

        void score(String c, Map<Metric, Double> values) {
            Map<Metric, List<Double>> m = scores.computeIfAbsent(c, k -> new EnumMap<>(Metric.class));
            values.forEach((k, v) -> m.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }

        void contradiction(String c, double rate) { contradiction.computeIfAbsent(c, k -> new ArrayList<>()).add(rate); }

        void seconds(String what, double s) { seconds.computeIfAbsent(what, k -> new ArrayList<>()).add(s); }

        /** Scores and contradiction rates in the contenders' declared order. */
        EvalReport build() {
            Map<String, Map<Metric, List<Double>>> s = new LinkedHashMap<>();
            Map<String, List<Double>> c = new LinkedHashMap<>(), sec = new LinkedHashMap<>();
            for (Entry e : contenders) {
                if (scores.containsKey(e.code())) s.put(e.code(), scores.get(e.code()));
                if (contradiction.containsKey(e.code())) c.put(e.code(), contradiction.get(e.code()));
                if (seconds.containsKey(e.code())) sec.put(e.code(), seconds.get(e.code()));
            }
            return new EvalReport(data, seeds, List.copyOf(contenders), s, c, deltaM, sec);
        }
    }
}
