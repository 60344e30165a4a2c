package io.tatra.cli;

import io.tatra.features.Feature;
import io.tatra.gbm.GbmConfig;
import io.tatra.gbm.GbmModel;
import io.tatra.gbm.GbmObjective;
import io.tatra.gbm.GbmTrainer;
import io.tatra.model.TatraModel;
import io.tatra.model.eval.ModelForecaster;
import io.tatra.model.nn.ModelConfig;
import io.tatra.model.nn.Torch;
import io.tatra.model.task.Tasks;
import io.tatra.model.train.Balance;
import io.tatra.model.train.MultiTaskTrainer;
import io.tatra.model.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * Training and single-window inference cost of the model families side by side, in one run on one machine: LightGBM
 * on {@code rows × 64} tabular rows (issue 15's target: ≤ 10 s on 2 cores for 100,000 rows) and the unified model's
 * training steps and forward pass on 96 × 64 windows. Synthetic inputs with a planted signal; medians of the runs
 * after one warm-up; latencies are p50/p99 over single calls.
 */
@Command(name = "models", mixinStandardHelpOptions = true, description = {"Training time and single-window inference latency: LightGBM beside the unified model.",
        "Synthetic inputs; medians of --runs after a warm-up; native threads from --threads."})
final class ModelsBench implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--rows", defaultValue = "100000", description = "LightGBM training rows of 64 features (default 100,000)") int rows;
    @Option(names = "--runs", defaultValue = "3") int runs;
    @Option(names = "--threads", defaultValue = "2", description = "Native threads for training (default 2); inference uses 1") int threads;
    @Option(names = "--unified-batches", defaultValue = "50", description = "Unified-model training batches of 64 windows timed per run (default 50)") int unifiedBatches;
    @Option(names = "--calls", defaultValue = "2000", description = "Single-window predictions timed for the latency percentiles (default 2,000)") int calls;

    @Override
    public Integer call() {
        if (rows < 1000 || runs < 1 || threads < 1 || unifiedBatches < 1 || calls < 100)
            throw new io.tatra.TatraException("--rows >= 1000, --runs >= 1, --threads >= 1, --unified-batches >= 1 and --calls >= 100 are required");
        int f = Feature.COUNT;
        Random r = new Random(1);
        GbmTrainer.Data train = planted(rows, f, r), val = planted(Math.max(1000, rows / 5), f, r);
        double[] gbmSeconds = new double[runs];
        int rounds = 0;
        double[] gbmLatency = null;
        for (int run = -1; run < runs; run++) {
            try (GbmTrainer.Result res = GbmTrainer.train(train, val, GbmObjective.MULTICLASS, 3, GbmConfig.defaults(1).withThreads(threads), null, null)) {
                if (run >= 0) gbmSeconds[run] = res.seconds();
                rounds = res.bestRound();
                if (run == runs - 1) gbmLatency = latency(i -> res.model().predict(Arrays.copyOfRange(val.x(), (i % val.rows()) * f, (i % val.rows() + 1) * f), 1));
            }
            say((run < 0 ? "warm-up" : "run " + (run + 1)) + String.format(java.util.Locale.ROOT, ": LightGBM %,d × %d rows, %d rounds kept, %.2f s", rows, f, rounds,
                    run < 0 ? Double.NaN : gbmSeconds[run]));
        }
        io.tatra.model.train.Samples windows = syntheticWindows();
        double[][] attention = deep(ModelConfig.defaults(96, f), windows, r, "unified model (default size, PCGrad)");
        double[][] lstm = deep(new ModelConfig(ModelConfig.defaults(96, f).encoder().withKind(io.tatra.model.nn.EncoderKind.LSTM), ModelConfig.defaults(96, f).headHidden()),
                windows, r, "LSTM encoder (2 × 64 units, PCGrad)");
        double[] unifiedBatch = attention[0], unifiedLatency = attention[1];
        double gbm = median(gbmSeconds), perBatch = median(unifiedBatch);
        double unifiedSameRows = perBatch * rows / 64.0;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", rows);
        out.put("features", f);
        out.put("threads", threads);
        out.put("lightgbm_train_median_s", gbm);
        out.put("lightgbm_rounds", rounds);
        out.put("lightgbm_predict_p50_ms", gbmLatency[0]);
        out.put("lightgbm_predict_p99_ms", gbmLatency[1]);
        out.put("unified_batch_median_s", perBatch);
        out.put("unified_one_pass_over_rows_s", unifiedSameRows);
        out.put("unified_forecast_p50_ms", unifiedLatency[0]);
        out.put("unified_forecast_p99_ms", unifiedLatency[1]);
        out.put("lstm_batch_median_s", median(lstm[0]));
        out.put("lstm_one_pass_over_rows_s", median(lstm[0]) * rows / 64.0);
        out.put("lstm_forecast_p50_ms", lstm[1][0]);
        out.put("lstm_forecast_p99_ms", lstm[1][1]);
        out.put("cores", Runtime.getRuntime().availableProcessors());
        if (common.json) System.out.println(Json.write(out));
        else {
            System.out.printf(java.util.Locale.ROOT, "LightGBM: %,d × %d rows trained in %.2f s (median of %d; target <= 10 s), %d rounds; one-row predict p50 %.3f ms, p99 %.3f ms%n",
                    rows, f, gbm, runs, rounds, gbmLatency[0], gbmLatency[1]);
            System.out.printf(java.util.Locale.ROOT, "unified: %.3f s per batch of 64 windows (one pass over %,d windows: %.0f s); one-window forecast p50 %.3f ms, p99 %.3f ms%n",
                    perBatch, rows, unifiedSameRows, unifiedLatency[0], unifiedLatency[1]);
            System.out.printf(java.util.Locale.ROOT, "LSTM:    %.3f s per batch of 64 windows (one pass over %,d windows: %.0f s); one-window forecast p50 %.3f ms, p99 %.3f ms%n",
                    median(lstm[0]), rows, median(lstm[0]) * rows / 64.0, lstm[1][0], lstm[1][1]);
        }
        return 0;
    }

    /** Seconds per training batch (one per run) and the one-window forecast p50/p99 in ms, for one model configuration. */
    private double[][] deep(ModelConfig mc, io.tatra.model.train.Samples windows, Random r, String what) {
        Torch.configure(threads, 1);
        double[] batch = new double[runs];
        float[] window = new float[96 * Feature.COUNT];
        try (TatraModel m = TatraModel.create(mc, Tasks.CORE, 1)) {
            MultiTaskTrainer t = new MultiTaskTrainer(m, TrainConfig.defaults(Balance.PCGRAD, 1));
            for (int run = -1; run < runs; run++) {
                long t0 = System.nanoTime();
                for (int b = 0; b < unifiedBatches; b++) {
                    int[] idx = new int[64];
                    for (int i = 0; i < 64; i++) idx[i] = r.nextInt(windows.size());
                    t.trainStep(windows, idx);
                }
                double perBatch = (System.nanoTime() - t0) / 1e9 / unifiedBatches;
                if (run >= 0) batch[run] = perBatch;
                say((run < 0 ? "warm-up" : "run " + (run + 1)) + String.format(java.util.Locale.ROOT, ": %s %.3f s per batch of 64 windows", what, perBatch));
            }
            Torch.configure(1, 1);
            ModelForecaster fc = new ModelForecaster(m);
            for (int i = 0; i < window.length; i++) window[i] = (float) r.nextGaussian();
            return new double[][]{batch, latency(i -> fc.forecast(window))};
        }
    }

    /** Training windows of a small synthetic market (2 symbols × 3,000 hourly bars), labelled for the core tasks. */
    static io.tatra.model.train.Samples syntheticWindows() {
        var m = io.tatra.synth.MarketGenerator.generate(io.tatra.synth.SyntheticConfig.defaults(2, 3000, io.tatra.market.Interval.H1, 7));
        java.util.List<io.tatra.features.MarketFrame> frames = new java.util.ArrayList<>();
        Map<io.tatra.market.Symbol, java.util.List<io.tatra.market.Regime>> truth = new java.util.HashMap<>();
        for (io.tatra.market.Symbol s : m.config().symbols()) {
            frames.add(new io.tatra.features.MarketFrame(m.series(s), m.funding().get(s), m.openInterest().get(s), null));
            truth.put(s, m.regimes());
        }
        var ds = io.tatra.dataset.DatasetBuilder.build(frames, truth, io.tatra.dataset.DatasetConfig.defaults(4, io.tatra.dataset.SplitMethod.WALK_FORWARD), line -> {});
        int fold = ds.folds().size() - 1;
        return io.tatra.model.train.Samples.of(ds, fold, ds.samples(fold, io.tatra.dataset.Fold.Part.TRAIN)).labelled(Tasks.CORE);
    }

    /** 3-class labels from the terciles of a linear signal in the first two columns, with noise. */
    static GbmTrainer.Data planted(int n, int f, Random r) {
        double[] x = new double[n * f];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) x[i * f + j] = r.nextGaussian();
            double s = 0.4 * x[i * f] - 0.3 * x[i * f + 1] + r.nextGaussian();
            y[i] = s < -0.43 ? 0 : s > 0.43 ? 2 : 1;
        }
        return new GbmTrainer.Data(x, n, f, y);
    }

    private double[] latency(java.util.function.IntConsumer call) {
        for (int i = 0; i < Math.min(200, calls); i++) call.accept(i);
        long[] ns = new long[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            call.accept(i);
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        return new double[]{ns[calls / 2] / 1e6, ns[(int) Math.min(calls - 1, Math.ceil(calls * 0.99) - 1)] / 1e6};
    }

    private void say(String line) { if (!common.json) System.err.println(line); }

    private static double median(double[] x) { return BenchCommand.Import.median(x); }
}
