package io.tatra.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tatra.Json;
import io.tatra.TatraException;
import io.tatra.backtest.BacktestConfig;
import io.tatra.backtest.Performance;
import io.tatra.decision.FusionConfig;
import io.tatra.model.trade.WalkForward;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A backtest run's {@code result.json}, typed both ways: written by {@link BacktestService}, read back by the report.
 * The headline keys scripts read sit at the top (sharpe, deflated_sharpe, max_drawdown, trades, fees_paid,
 * buy_and_hold_sharpe); a figure that is undefined (no trades: no win rate) is null, never NaN.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"sharpe", "deflatedSharpe", "maxDrawdown", "trades", "feesPaid", "buyAndHoldSharpe", "totalReturn", "annualReturn",
        "annualVolatility", "sortino", "calmar", "maxDrawdownBars", "winRate", "profitFactor", "averageWin", "averageLoss", "exposure",
        "turnover", "fundingPaid", "trials", "bars", "buyAndHold", "runDir", "model", "walkForward", "symbols", "from", "to",
        "inSampleWarning", "config", "fusion", "policy", "edge", "entryLevel", "decisions", "costs"})
public record RunResult(Double sharpe, Double deflatedSharpe, Double maxDrawdown, int trades, double feesPaid, Double buyAndHoldSharpe,
                        Double totalReturn, Double annualReturn, Double annualVolatility, Double sortino, Double calmar, int maxDrawdownBars,
                        Double winRate, Double profitFactor, Double averageWin, Double averageLoss, Double exposure, Double turnover,
                        double fundingPaid, int trials, long bars, BuyAndHold buyAndHold, String runDir, String model,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<WalkForward.FoldRun> walkForward, List<String> symbols,
                        String from, String to, String inSampleWarning, BacktestConfig config, FusionConfig fusion,
                        String policy, @JsonInclude(JsonInclude.Include.NON_NULL) io.tatra.decision.EdgeModel edge,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Double entryLevel, io.tatra.backtest.DecisionStats decisions, io.tatra.backtest.CostBreakdown costs) {
    /** The passive reference over the same bars. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"totalReturn", "annualReturn", "sharpe", "sortino", "maxDrawdown", "feesPaid"})
    public record BuyAndHold(Double totalReturn, Double annualReturn, Double sharpe, Double sortino, Double maxDrawdown, double feesPaid) {}

    public RunResult {
        symbols = symbols == null ? List.of() : List.copyOf(symbols);
        if (buyAndHold == null) throw new IllegalArgumentException("result.json needs buy_and_hold");
    }

    /** The metrics of a strategy and its buy-and-hold reference, plus what the run was. */
    public static RunResult of(Performance p, Performance bh, String runDir, String model, List<WalkForward.FoldRun> walkForward,
                               List<String> symbols, String from, String to, String inSampleWarning, BacktestConfig config, FusionConfig fusion) {
        return new RunResult(finite(p.sharpe()), finite(p.deflatedSharpe()), finite(p.maxDrawdown()), p.trades(), p.feesPaid(), finite(bh.sharpe()),
                finite(p.totalReturn()), finite(p.annualReturn()), finite(p.annualVolatility()), finite(p.sortino()), finite(p.calmar()),
                p.maxDrawdownBars(), finite(p.winRate()), finite(p.profitFactor()), finite(p.averageWin()), finite(p.averageLoss()),
                finite(p.exposure()), finite(p.turnover()), p.fundingPaid(), p.trials(), p.bars(),
                new BuyAndHold(finite(bh.totalReturn()), finite(bh.annualReturn()), finite(bh.sharpe()), finite(bh.sortino()), finite(bh.maxDrawdown()), bh.feesPaid()),
                runDir, model, walkForward, symbols, from, to, inSampleWarning, config, fusion, "rule", null, null, null, null);
    }

    /**
     * The same result with how its decisions were made: the policy's code, the edge model and entry level a saved
     * model's cost-aware policy was fitted to (null otherwise), the decisions' statistics and where the gross P&L went.
     */
    public RunResult withDecisions(String policy, io.tatra.decision.EdgeModel edge, Double entryLevel, io.tatra.backtest.DecisionStats decisions,
                                   io.tatra.backtest.CostBreakdown costs) {
        return new RunResult(sharpe, deflatedSharpe, maxDrawdown, trades, feesPaid, buyAndHoldSharpe, totalReturn, annualReturn, annualVolatility, sortino,
                calmar, maxDrawdownBars, winRate, profitFactor, averageWin, averageLoss, exposure, turnover, fundingPaid, trials, bars, buyAndHold, runDir, model,
                walkForward, symbols, from, to, inSampleWarning, config, fusion, policy, edge, entryLevel, decisions, costs);
    }

    /** Reads a run directory's result.json; a missing or malformed file is a user error naming the file. */
    public static RunResult read(Path dir) {
        Path f = dir.resolve("result.json");
        if (!Files.isRegularFile(f))
            throw new TatraException(dir + " is not a backtest run directory (no result.json); run `tatra backtest ... --out DIR` first");
        try {
            RunResult r = Json.MAPPER.readerFor(RunResult.class).with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .readValue(f.toFile());
            if (r == null) throw new TatraException(f + ": holds no result (null); expected the object `tatra backtest` writes");
            return r;
        } catch (IOException e) {
            throw new TatraException(f + ": not a result.json this build can read (" + e.getMessage() + ")", e);
        }
    }

    private static Double finite(double v) { return Double.isFinite(v) ? v : null; }
}
