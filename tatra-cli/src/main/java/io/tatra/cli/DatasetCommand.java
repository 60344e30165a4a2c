package io.tatra.cli;

import io.tatra.dataset.Dataset;
import io.tatra.dataset.DatasetBuilder;
import io.tatra.dataset.DatasetConfig;
import io.tatra.dataset.DatasetManifest;
import io.tatra.dataset.DatasetStore;
import io.tatra.dataset.SplitConfig;
import io.tatra.dataset.SplitMethod;
import io.tatra.features.FeatureConfig;
import io.tatra.features.MarketFrame;
import io.tatra.labels.LabelConfig;
import io.tatra.market.Symbol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "dataset", mixinStandardHelpOptions = true, description = "Build leakage-free datasets of 96 x 64 windows.",
        subcommands = {DatasetCommand.Build.class})
final class DatasetCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Features + labels for stored symbols, pooled, split over time with purge and embargo, normalization fitted per fold on training rows only.")
    static final class Build implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Mixin
        SeriesOptions series;

        @Option(names = "--horizon", required = true, description = "Label horizon in bars")
        int horizon;

        @Option(names = "--split", defaultValue = "walk-forward", description = "walk-forward (expanding), rolling or cpcv (default walk-forward)")
        String split;

        @Option(names = "--folds", description = "Test blocks (walk-forward, rolling; default 4) or groups (cpcv; default 6)")
        Integer folds;

        @Option(names = "--test-groups", defaultValue = "2", description = "CPCV: test groups per split (default 2)")
        int testGroups;

        @Option(names = "--test-share", defaultValue = "0.4", description = "Walk-forward: share of the timeline in test blocks (default 0.4)")
        double testShare;

        @Option(names = "--validation-share", defaultValue = "0.15", description = "Share of each training stretch kept for validation (default 0.15)")
        double validationShare;

        @Option(names = "--direction-threshold", defaultValue = "0.4307", description = "Direction: sideways within this many σ·√h (default 0.4307, a third each for Gaussian returns; fat tails need less)")
        double directionThreshold;

        @Option(names = "--window", defaultValue = "96", description = "Window length in bars (default 96)")
        int window;


        @Option(names = "--out", paramLabel = "DIR", description = "Dataset directory (default HOME/datasets/SYMBOLS-INTERVAL-hH)")
        Path out;

        @Override
        public Integer call() {
            SplitMethod method = SplitMethod.parse(split);
            DatasetConfig cfg = UserValues.of("--horizon / --direction-threshold / --folds / --test-groups / --test-share / --validation-share / --window", () -> {
                LabelConfig d = LabelConfig.defaults(horizon);
                LabelConfig labels = new LabelConfig(horizon, d.volLookback(), directionThreshold, d.takeProfit(), d.stopLoss(), d.trendMinSpan(), d.trendMaxSpan(), d.trendThreshold());
                int look = labels.lookahead();
                SplitConfig sc = new SplitConfig(method, folds != null ? folds : (method == SplitMethod.CPCV ? 6 : 4), testGroups, testShare,
                        method == SplitMethod.CPCV ? 0 : validationShare, look, window + look);
                return new DatasetConfig(window, labels, sc, FeatureConfig.DEFAULT, 5.0);
            });
            Path dir = out != null ? out : common.home().resolve("datasets").resolve(
                    String.join("+", series.symbols.stream().map(Symbol::value).toList()) + "-" + series.interval.code() + "-h" + horizon);
            io.tatra.AtomicWrite.checkTarget(dir, true, io.tatra.AtomicWrite.Existing.REPLACE, null);
            if (series.symbols.stream().distinct().count() != series.symbols.size()) throw new io.tatra.TatraException("a symbol is listed twice: " + series.symbols);
            Progress progress = new Progress("dataset", series.symbols.size() + 2, common.json);
            List<MarketFrame> frames = io.tatra.app.MarketData.loadAll(common.home(), series.symbols, series.interval, series.period.from(), series.period.to());
            int[] done = {0};
            Dataset ds = DatasetBuilder.build(frames, Map.of(), cfg, line -> {
                progress.update(Math.min(++done[0], series.symbols.size() + 1), line);
                if (!common.json && System.console() == null) System.err.println(line);
            });
            DatasetStore.write(ds, dir);
            progress.update(series.symbols.size() + 2, "written");
            DatasetManifest m = DatasetStore.manifest(dir);
            if (common.json) {
                System.out.println(Json.write(Map.of("dir", dir.toString(), "manifest", m)));
                return 0;
            }
            print(m, dir);
            return 0;
        }

        static void print(DatasetManifest m, Path dir) {
            System.out.printf("dataset %s: %s, window %d, horizon %d (labels look %d bars ahead), split %s, schema %s%n", dir, m.interval().code(),
                    m.config().window(), m.config().labels().horizon(), m.config().labels().lookahead(), m.config().split().method().code(), m.schema().hash().substring(0, 12));
            System.out.printf("%-12s %7s %8s   %-22s %-22s %-22s%n", "symbol", "bars", "samples", "direction down/side/up", "regime bull/bear/side", "barrier stop/time/take");
            for (DatasetManifest.SymbolSummary s : m.symbols())
                System.out.printf("%-12s %7d %8d   %-22s %-22s %-22s%n", s.symbol(), s.bars(), s.samples(), pct(s.direction()), pct(s.regime()), pct(s.barrier()));
            System.out.printf("%-16s %9s %11s %9s%n", "fold", "train", "validation", "test");
            for (DatasetManifest.FoldSummary f : m.folds()) System.out.printf("%-16s %9d %11d %9d%n", f.name(), f.train(), f.validation(), f.test());
            System.out.println("audit it with: tatra data audit " + dir);
        }

        static String pct(long[] c) {
            long t = 0;
            for (long x : c) t += x;
            if (t == 0) return "-";
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < c.length; i++) b.append(i == 0 ? "" : "/").append(Math.round(100.0 * c[i] / t));
            return b.append(" %").toString();
        }
    }

}
