package io.tatra.cli;

import io.tatra.TatraException;
import io.tatra.app.ExplainService;
import io.tatra.forecast.CoreTasks;
import io.tatra.forecast.TaskSpec;
import io.tatra.gbm.GbmConfig;
import io.tatra.report.ExplainPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "explain", mixinStandardHelpOptions = true, description = {
        "What drives a task: LightGBM on window summaries with gain, split and SHAP importance, each feature's rank IC and mutual information, "
                + "and the feature correlation matrices (Pearson and Spearman).",
        "Writes explain.json, explain.md and a self-contained explain.html (charts inlined, no network). Single-feature figures use training windows only; "
                + "SHAP is computed on the test windows after --test-from (else on the validation windows)."})
final class ExplainCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin ModelDataOptions data;

    @Option(names = "--task", defaultValue = "direction", description = "direction, volatility, regime or return (default direction)") String task;
    @Option(names = "--test-from", converter = Times.class, description = "Train and validate before this time, explain on the windows after it") Instant testFrom;
    @Option(names = "--out", paramLabel = "DIR", description = "Where to write (default: HOME/explain/explain-TIME)") Path out;
    @Option(names = "--force", description = "Replace an existing --out directory") boolean force;

    @Override
    public Integer call() {
        TaskSpec spec = CoreTasks.ALL.stream().filter(t -> t.name().equals(task)).findFirst()
                .orElseThrow(() -> new TatraException("--task must be direction, volatility, regime or return, got '" + task + "'"));
        Path dir = out != null ? out : common.home().resolve("explain").resolve("explain-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
        ModelCommands.checkOut(dir, force);
        data.check();
        int threads = data.threads != null ? data.threads : Runtime.getRuntime().availableProcessors();
        ExplainService.Explanation e = ExplainService.run(common.home(), new ExplainService.Request(data.request(), testFrom, spec,
                GbmConfig.defaults(data.seed).withThreads(threads)), line -> { if (!common.json) System.err.println(line); });
        String json = Json.write(e);
        io.tatra.AtomicWrite.directory(dir, force ? io.tatra.AtomicWrite.Existing.REPLACE : io.tatra.AtomicWrite.Existing.REFUSE, tmp -> {
            io.tatra.AtomicWrite.text(tmp.resolve("explain.json"), json);
            io.tatra.AtomicWrite.text(tmp.resolve("explain.md"), ExplainPage.markdown(e));
            io.tatra.AtomicWrite.text(tmp.resolve("explain.html"), ExplainPage.html(e));
        });
        if (common.json) System.out.println(json);
        else {
            System.out.printf(Locale.ROOT, "%s: %d rounds kept, validation %s %.5f; top columns by mean |SHAP| on %,d %s:%n", e.task(), e.rounds(), e.metric(),
                    e.validationMetric(), e.explainedWindows(), e.explainedOn());
            e.columns().stream().limit(10).forEach(c -> System.out.printf(Locale.ROOT, "  %-28s %.5f  (gain %.1f)%n", c.name(), c.meanAbsShap(), c.gain()));
            System.out.println("wrote " + dir.resolve("explain.html") + ", explain.md and explain.json");
        }
        return 0;
    }
}
