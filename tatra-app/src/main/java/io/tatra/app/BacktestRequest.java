package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.backtest.BacktestConfig;
import io.tatra.decision.FusionConfig;
import io.tatra.market.Interval;
import io.tatra.model.nn.ModelConfig;
import io.tatra.model.train.TrainConfig;

import java.nio.file.Path;

/**
 * One backtest: the data, either a saved model or walk-forward re-training, the fusion, the backtest's costs and
 * risk limits, and where the run goes.
 *
 * @param model       a saved model directory, or null with {@code walkForward}
 * @param walkForward re-train every STEP bars on the TRAIN bars before a TEST block, or null with {@code model}
 * @param intrabar    finer stored bars that decide a stop and take profit hit in the same bar, or null
 * @param funding     a folder of {@code SYMBOL_funding.csv} files, or null
 * @param out         the run directory, or null for {@code HOME/backtests/run-TIME}
 * @param force       replace an existing {@code out} (otherwise refused before any work)
 * @param policy      how forecasts become decisions: the rule-based fusion, or the cost-aware policy fitted on each model's validation part
 * @param costAware   the cost-aware policy's settings (null: its defaults for the horizon)
 */
public record BacktestRequest(DataRequest data, Path model, WalkForwardSpec walkForward, ModelConfig modelConfig, TrainConfig training,
                              FusionConfig fusion, BacktestConfig backtest, Interval intrabar, Path funding, Path out, boolean force,
                              io.tatra.decision.DecisionPolicy.Kind policy, io.tatra.decision.CostAwareConfig costAware) {
    /** The rule-based fusion's request (the policy before issue 16). */
    public BacktestRequest(DataRequest data, Path model, WalkForwardSpec walkForward, ModelConfig modelConfig, TrainConfig training,
                           FusionConfig fusion, BacktestConfig backtest, Interval intrabar, Path funding, Path out, boolean force) {
        this(data, model, walkForward, modelConfig, training, fusion, backtest, intrabar, funding, out, force, io.tatra.decision.DecisionPolicy.Kind.RULE_BASED, null);
    }

    /** How this backtest's forecasts become decisions (the cost-aware policy reads the model's validation bars from {@code home}). */
    public PolicySpec policySpec(Path home) {
        return new PolicySpec(policy, fusion, costAware, backtest.costs(), policy == io.tatra.decision.DecisionPolicy.Kind.COST_AWARE ? home : null, funding);
    }

    /** The same request with another decision policy. */
    public BacktestRequest withPolicy(io.tatra.decision.DecisionPolicy.Kind k, io.tatra.decision.CostAwareConfig c) {
        return new BacktestRequest(data, model, walkForward, modelConfig, training, fusion, backtest, intrabar, funding, out, force, k, c);
    }

    /** The same request over another period and model (walk-forward blocks). */
    public BacktestRequest withDataAndModel(DataRequest d, Path m) {
        return new BacktestRequest(d, m, null, modelConfig, training, fusion, backtest, intrabar, funding, out, force, policy, costAware);
    }

    public BacktestRequest {
        if (policy == null) throw new TatraException("a decision policy is required");
        if (policy == io.tatra.decision.DecisionPolicy.Kind.COST_AWARE && costAware == null) costAware = io.tatra.decision.CostAwareConfig.defaults(data == null ? 4 : data.horizon());
        if ((model == null) == (walkForward == null)) throw new TatraException("give either --model DIR or --walk-forward TRAIN/TEST/STEP");
        if (data == null || fusion == null || backtest == null) throw new TatraException("data, fusion and backtest settings are required");
        if (walkForward != null && (modelConfig == null || training == null)) throw new TatraException("walk-forward needs a model size and training settings");
        if (intrabar != null && intrabar.millis() >= data.interval().millis())
            throw new TatraException("--intrabar " + intrabar.code() + " must be finer than --interval " + data.interval().code());
        if (funding != null && !java.nio.file.Files.isDirectory(funding)) throw new TatraException("--funding " + funding + " is not a folder");
        if (out != null) io.tatra.AtomicWrite.checkTarget(out, true, force ? io.tatra.AtomicWrite.Existing.REPLACE : io.tatra.AtomicWrite.Existing.REFUSE, "--force");
    }

    /** Walk-forward re-training windows in bars. */
    public record WalkForwardSpec(int train, int test, int step) {
        public WalkForwardSpec {
            if (train < 1 || test < 1 || step < 1) throw new TatraException("--walk-forward TRAIN/TEST/STEP must all be >= 1 bar, got " + train + "/" + test + "/" + step);
        }

        /** Parses {@code TRAIN/TEST/STEP}, e.g. {@code 8760/720/720}. */
        public static WalkForwardSpec parse(String spec) {
            String[] p = spec.split("/");
            try {
                if (p.length != 3) throw new NumberFormatException();
                return new WalkForwardSpec(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), Integer.parseInt(p[2].trim()));
            } catch (NumberFormatException e) {
                throw new TatraException("--walk-forward must be TRAIN/TEST/STEP in bars, e.g. 8760/720/720; got '" + spec + "'");
            }
        }

        @Override public String toString() { return train + "/" + test + "/" + step; }
    }
}
