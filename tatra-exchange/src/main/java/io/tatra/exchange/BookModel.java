package io.tatra.exchange;

import io.tatra.market.BarSeries;

/**
 * The order book the paper exchange shows and fills market orders against, built from bars (there is no real book in
 * stored history). Around the reference price it puts {@code levels} levels a side, {@code spreadBps} apart (the first
 * at half the spread); each level holds {@code depthShare / levels} of the last closed bar's volume. A market order
 * larger than the whole side fills partly and the rest is cancelled (IOC), as on Bybit. The fill price itself comes from
 * the shared fill and slippage models, so that paper and backtest fills agree for orders the book can take.
 */
public record BookModel(double spreadBps, int levels, double depthShare) {
    public BookModel {
        if (!(spreadBps >= 0) || !Double.isFinite(spreadBps)) throw new IllegalArgumentException("spreadBps must be >= 0");
        if (levels < 1 || levels > 200) throw new IllegalArgumentException("levels must be 1..200, got " + levels);
        if (!(depthShare > 0) || !Double.isFinite(depthShare)) throw new IllegalArgumentException("depthShare must be > 0");
    }

    /** Two basis points between levels, 25 levels, one bar's volume on each side. */
    public static BookModel defaults() { return new BookModel(2, 25, 1.0); }

    /** Base units one side of the book holds after bar {@code known} closed. */
    public double sideDepth(BarSeries bars, int known) {
        double v = known >= 0 ? bars.volume(known) : 0;
        return v > 0 ? v * depthShare : Double.POSITIVE_INFINITY;
    }

    /** Price of level {@code k} (0 = best) on the bid (side −1) or ask (side +1). */
    public double price(double reference, int side, int k) {
        return reference * (1 + side * (spreadBps / 2 + k * spreadBps) / 1e4);
    }

    public BookModel withSpreadBps(double v) { return new BookModel(v, levels, depthShare); }

    public BookModel withLevels(int v) { return new BookModel(spreadBps, v, depthShare); }

    public BookModel withDepthShare(double v) { return new BookModel(spreadBps, levels, v); }
}
