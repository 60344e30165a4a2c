package io.tatra.model.eval;

import io.tatra.metrics.Contender;
import io.tatra.metrics.Metric;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one evaluation measured, run by run: per contender and metric one value per seed (classical
 * baselines are deterministic and have one), the contradiction rates, Δm per seed and training seconds.
 */
public record EvalReport(Map<String, Object> data, List<Long> seeds, Map<Contender, Map<Metric, List<Double>>> scores,
                         Map<Contender, List<Double>> contradiction, List<Double> deltaM, Map<String, List<Double>> seconds) {

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

    public Stat stat(Contender c, Metric m) {
        List<Double> v = scores.getOrDefault(c, Map.of()).get(m);
        return v == null ? null : Stat.of(v);
    }

    /** The cost ratio per seed: unified training seconds / the four specialists' together. */
    public List<Double> costRatio() {
        List<Double> u = seconds.getOrDefault("unified", List.of()), s = seconds.getOrDefault("specialists", List.of());
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < Math.min(u.size(), s.size()); i++) out.add(u.get(i) / s.get(i));
        return out;
    }

    /** Collects values while the evaluation runs. */
    static final class Builder {
        final Map<String, Object> data = new LinkedHashMap<>();
        final List<Long> seeds = new ArrayList<>();
        final Map<Contender, Map<Metric, List<Double>>> scores = new EnumMap<>(Contender.class);
        final Map<Contender, List<Double>> contradiction = new EnumMap<>(Contender.class);
        final List<Double> deltaM = new ArrayList<>();
        final Map<String, List<Double>> seconds = new LinkedHashMap<>();

        void score(Contender c, Map<Metric, Double> values) {
            Map<Metric, List<Double>> m = scores.computeIfAbsent(c, k -> new EnumMap<>(Metric.class));
            values.forEach((k, v) -> m.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }

        void seconds(String what, double s) { seconds.computeIfAbsent(what, k -> new ArrayList<>()).add(s); }

        EvalReport build() { return new EvalReport(data, seeds, scores, contradiction, deltaM, seconds); }
    }
}
