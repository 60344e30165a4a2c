package io.tatra.cli;

import io.tatra.app.RegimeService;
import io.tatra.gbm.GbmConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "regime", mixinStandardHelpOptions = true, description = {
        "LightGBM regime class with its probability and the expected bars until the regime changes, trained before --test-from and scored after it.",
        "Duration: a Poisson regression on the bars until the trend-scanning regime label first changes (rows whose change is unseen are left out)."})
final class RegimeCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin ModelDataOptions data;

    @Option(names = "--test-from", required = true, converter = Times.class, description = "Train and validate before this time, score after it") Instant testFrom;

    @Override
    public Integer call() {
        data.check();
        int threads = data.threads != null ? data.threads : Runtime.getRuntime().availableProcessors();
        RegimeService.Report r = RegimeService.run(common.home(), new RegimeService.Request(data.request(), testFrom, GbmConfig.defaults(data.seed).withThreads(threads)),
                line -> { if (!common.json) System.err.println(line); });
        if (common.json) {
            System.out.println(Json.write(r));
            return 0;
        }
        System.out.printf(Locale.ROOT, "regime on %,d test windows: log-loss %.4f (class prior %.4f), macro-F1 %.3f, mean confidence %.3f (%d rounds)%n",
                r.testWindows(), r.regimeLogLoss(), r.priorLogLoss(), r.regimeMacroF1(), r.meanConfidence(), r.regimeRounds());
        System.out.printf(Locale.ROOT, "bars until the regime changes, on %,d test windows with a seen change: Poisson deviance %.3f (training mean %.1f bars: %.3f), "
                + "rank IC %.3f, MAE %.2f bars (mean: %.2f) (%d rounds)%n", r.durationTestRows(), r.durationDeviance(), r.meanDuration(), r.constantDeviance(),
                r.durationRankIc(), r.durationMae(), r.constantMae(), r.durationRounds());
        for (RegimeService.Now n : r.now())
            System.out.printf(Locale.ROOT, "  %s as of %s: %s (%.0f %%), about %.1f bars until it changes%n", n.symbol(), n.asOf(), n.regime(), 100 * n.probability(), n.expectedBars());
        return 0;
    }
}
