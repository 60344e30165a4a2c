package io.tatra.exchange;

import io.tatra.bybit.protocol.Instrument;
import io.tatra.bybit.protocol.RetCode;
import io.tatra.market.Symbol;
import io.tatra.trading.Portfolio;
import io.tatra.trading.Position;

import java.math.BigDecimal;
import java.util.List;

/**
 * The paper account's books: the shared {@link Portfolio}, leverage per symbol, cross-margin checks, the protective
 * levels of each position, and the position and wallet rows the venue reports. The venue holds its lock around every call.
 */
final class PaperAccount {
    final Portfolio portfolio;
    private final Instrument[] instruments;
    private final Formats[] formats;
    private final PaperOrders orders;
    private final double[] leverage;
    private final double takerFee;

    PaperAccount(double capital, double takerFee, List<Symbol> symbols, Instrument[] instruments, Formats[] formats, PaperOrders orders) {
        this.portfolio = new Portfolio(capital, symbols);
        this.instruments = instruments;
        this.formats = formats;
        this.orders = orders;
        this.takerFee = takerFee;
        this.leverage = new double[instruments.length];
        for (int s = 0; s < instruments.length; s++) leverage[s] = Math.min(10, instruments[s].maxLeverage().doubleValue());
    }

    double position(int s) { return portfolio.position(s).quantity(); }

    /** How much of {@code qty} a reduce-only order on {@code side} may fill against the position. */
    double reducible(int s, int side, double qty) {
        double q = position(s);
        return Math.signum(q) == -side ? Math.min(qty, Math.abs(q)) : 0;
    }

    /** Initial margin of every position and open order after this one must fit the equity (Bybit's 110007). */
    void checkMargin(int s, double delta, double price) {
        double fee = Math.abs(delta) * price * takerFee;
        if (initialMargin(s, delta, price) + fee > portfolio.equity()) throw new VenueException(RetCode.BALANCE_INSUFFICIENT, "ab not enough for new order");
    }

    /** Initial margin of positions and open orders, with symbol {@code s}'s position changed by {@code delta} at {@code price} (s = −1: as they are). */
    private double initialMargin(int s, double delta, double price) {
        double im = orders.margin(leverage);
        for (int j = 0; j < instruments.length; j++) {
            double q = position(j) + (j == s ? delta : 0);
            double mark = j == s ? price : portfolio.mark(j);
            if (q != 0 && Double.isFinite(mark)) im += Math.abs(q) * mark / leverage[j];
        }
        return im;
    }

    /** The levels an order carried, onto its position (null leaves a level as it is). */
    void protect(int s, BigDecimal tp, BigDecimal sl) {
        if (tp == null && sl == null) return;
        Position p = portfolio.position(s);
        if (p.quantity() == 0) return;
        portfolio.protect(s, sl != null ? sl.doubleValue() : p.stopPrice(), tp != null ? tp.doubleValue() : p.takeProfitPrice());
    }

    /** Bybit's trading-stop: sets (or with "0" clears) the levels; null leaves one as it is; each on its side of {@code ref}. */
    void tradingStop(int s, BigDecimal takeProfit, BigDecimal stopLoss, double ref) {
        Position p = portfolio.position(s);
        if (p.quantity() == 0) throw new VenueException(10001, "can not set tp/sl/ts for zero position");
        double tp = takeProfit == null ? p.takeProfitPrice() : takeProfit.signum() == 0 ? Double.NaN : takeProfit.doubleValue();
        double sl = stopLoss == null ? p.stopPrice() : stopLoss.signum() == 0 ? Double.NaN : stopLoss.doubleValue();
        int side = (int) Math.signum(p.quantity());
        if (!Double.isNaN(tp) && (side > 0 ? tp <= ref : tp >= ref)) throw new VenueException(RetCode.PARAMS, "params error: take profit on the wrong side of the last price " + Formats.plain(ref, 8));
        if (!Double.isNaN(sl) && (side > 0 ? sl >= ref : sl <= ref)) throw new VenueException(RetCode.PARAMS, "params error: stop loss on the wrong side of the last price " + Formats.plain(ref, 8));
        portfolio.protect(s, sl, tp);
    }

    /** Bybit's set-leverage for one-way mode: both sides equal, within [1, max]; the same value again is 110043. */
    void setLeverage(int s, BigDecimal buy, BigDecimal sell) {
        if (buy == null || sell == null || buy.compareTo(sell) != 0) throw new VenueException(RetCode.PARAMS, "params error: buyLeverage must equal sellLeverage in one-way mode");
        if (buy.compareTo(BigDecimal.ONE) < 0 || buy.compareTo(instruments[s].maxLeverage()) > 0)
            throw new VenueException(RetCode.PARAMS, "params error: leverage " + buy.toPlainString() + " outside [1, " + instruments[s].maxLeverage().toPlainString() + "]");
        if (buy.doubleValue() == leverage[s]) throw new VenueException(RetCode.LEVERAGE_UNCHANGED, "Set leverage not modified");
        leverage[s] = buy.doubleValue();
    }

    /** Symbol {@code s}'s position row; {@code fallbackMark} stands in before the first mark. */
    PaperPosition row(int s, double fallbackMark, long seq) {
        Position p = portfolio.position(s);
        double mark = portfolio.mark(s);
        if (Double.isNaN(mark)) mark = fallbackMark;
        double realised = 0;
        for (var t : portfolio.closedTrades()) if (t.symbol().equals(p.symbol())) realised += t.pnl();
        return new PaperPosition(instruments[s].symbol(), formats[s], p.quantity(), p.averageEntry(), mark, leverage[s], p.stopPrice(), p.takeProfitPrice(), realised, seq);
    }

    /** The unified account: wallet balance (cash less unrealised P&amp;L), equity, margin in use. */
    PaperWallet wallet() {
        double upl = 0;
        for (int s = 0; s < instruments.length; s++) {
            Position p = portfolio.position(s);
            double mark = portfolio.mark(s);
            if (p.quantity() != 0 && !Double.isNaN(mark)) upl += p.quantity() * (mark - p.averageEntry());
        }
        double equity = portfolio.equity();
        return new PaperWallet(equity - upl, equity, upl, initialMargin(-1, 0, 0), portfolio.feesPaid(), portfolio.fundingPaid());
    }
}
