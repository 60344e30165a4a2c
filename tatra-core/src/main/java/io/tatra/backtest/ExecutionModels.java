package io.tatra.backtest;

/** The fee, slippage and fill models one execution uses; the backtest and the paper exchange share them. */
public record ExecutionModels(FeeModel fees, SlippageModel slippage, FillModel fills) {
    public ExecutionModels {
        if (fees == null || slippage == null || fills == null) throw new IllegalArgumentException("fee, slippage and fill models are required");
    }

    /** The defaults for a cost configuration: taker fee, fixed + volatility slippage, adverse fills. */
    public static ExecutionModels of(CostConfig c) { return new ExecutionModels(FeeModel.taker(c.takerFee()), SlippageModel.of(c), FillModel.ADVERSE); }

    public ExecutionModels withFees(FeeModel f) { return new ExecutionModels(f, slippage, fills); }

    public ExecutionModels withSlippage(SlippageModel s) { return new ExecutionModels(fees, s, fills); }

    public ExecutionModels withFills(FillModel f) { return new ExecutionModels(fees, slippage, f); }
}
