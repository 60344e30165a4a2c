package io.tatra.exchange;

import io.tatra.backtest.ExecutionModels;
import io.tatra.backtest.FeeModel;
import io.tatra.backtest.Matching;
import io.tatra.bybit.protocol.Instrument;
import io.tatra.bybit.protocol.OrderRequest;
import io.tatra.bybit.protocol.RetCode;
import io.tatra.features.MarketFrame;
import io.tatra.market.BarSeries;
import io.tatra.market.FundingRate;
import io.tatra.trading.ExitReason;
import io.tatra.trading.Portfolio;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The paper exchange's matching engine: one account, USDT linear perpetuals in one-way mode, over stored bars replayed
 * by a {@link MarketClock}. It books into the same {@link Portfolio} and fills through the same {@link Matching} (fee,
 * slippage and fill models, stop loss and take profit over a bar's range) as the backtest, so paper and backtest fills
 * agree:
 * <ul>
 *   <li>while bar k is the current bar, the price is its open: a market order fills at open(k) moved by the slippage
 *       known at bar k−1, which is the backtest's next-open fill of a signal computed on bar k−1's close;</li>
 *   <li>when bar k closes: resting limit orders created before it opened fill at their price (maker fee) if the bar
 *       traded through it (a touch is not a fill), then stop loss / take profit are checked over the bar, then funding
 *       settled at or before the next open is paid at that open;</li>
 *   <li>a market order larger than the {@link BookModel}'s side (less what earlier orders took this bar) fills partly,
 *       the rest is cancelled (IOC).</li>
 * </ul>
 * Every method is synchronized and first catches up with the clock ({@link #sync}). Listeners hear each order, fill,
 * position and bar change (the private and public streams build on them).
 */
public final class PaperVenue {
    private final PaperConfig cfg;
    private final MarketClock clock;
    private final List<MarketFrame> market;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, io.tatra.bybit.protocol.ApiKey> keys = new HashMap<>();
    private final Instrument[] instruments;
    private final Formats[] formats;
    private final PaperAccount account;
    private final Portfolio portfolio;
    private final Matching matching;
    private final FeeModel makerFees;
    private final int[] closed, fundingNext;
    private final double[][] taken;
    private final PaperOrders orders = new PaperOrders();
    private final List<PaperExecution> executions = new ArrayList<>();
    private final List<VenueListener> listeners = new CopyOnWriteArrayList<>();
    private final Random ids;
    private long seq;

    public PaperVenue(PaperConfig cfg, List<MarketFrame> market, MarketClock clock) {
        this.cfg = cfg;
        this.clock = clock;
        this.market = List.copyOf(market);
        int m = market.size();
        instruments = new Instrument[m];
        formats = new Formats[m];
        for (int s = 0; s < m; s++) {
            String sym = market.get(s).bars().symbol().value();
            Instrument in = cfg.instrument(sym);
            if (in == null) throw new IllegalArgumentException("no instrument configured for " + sym);
            if (index.put(sym, s) != null) throw new IllegalArgumentException(sym + " appears twice in the market");
            instruments[s] = in;
            formats[s] = Formats.of(in);
        }
        account = new PaperAccount(cfg.capital(), cfg.costs().takerFee(), market.stream().map(f -> f.bars().symbol()).toList(), instruments, formats, orders);
        portfolio = account.portfolio;
        matching = new Matching(portfolio, ExecutionModels.of(cfg.costs()));
        makerFees = FeeModel.taker(cfg.costs().makerFee());
        closed = new int[m];
        fundingNext = new int[m];
        taken = new double[m][2];
        for (var k : cfg.keys()) keys.putIfAbsent(k.key(), k);
        ids = new Random(cfg.seed());
        sync();
    }

    public void addListener(VenueListener l) { listeners.add(l); }

    /** The accepted API key with this name, or null (looked up on every signed request and stream auth). */
    public io.tatra.bybit.protocol.ApiKey apiKey(String key) { return key == null ? null : keys.get(key); }

    /** The account's books (tests and the parity check read them; trading goes through the methods above). */
    Portfolio portfolio() { return portfolio; }

    public MarketClock clock() { return clock; }

    public PaperConfig config() { return cfg; }

    /** Catches up with the clock: closes every bar whose close time has passed, in time order across symbols. */
    public synchronized long sync() {
        long now = clock.now();
        while (true) {
            int best = -1;
            long bestClose = Long.MAX_VALUE;
            for (int s = 0; s < market.size(); s++) {
                BarSeries b = market.get(s).bars();
                if (closed[s] >= b.size()) continue;
                long close = closeTime(b, closed[s]);
                if (close <= now && close < bestClose) { best = s; bestClose = close; }
            }
            if (best < 0) break;
            closeBar(best, closed[best]);
        }
        return now;
    }

    private static long closeTime(BarSeries b, int i) { return b.openTimeMillis(i) + b.interval().millis(); }

    private void closeBar(int s, int i) {
        BarSeries b = market.get(s).bars();
        long t = closeTime(b, i);
        for (PaperOrder o : orders.resting(s))
            if (o.createdTime <= b.openTimeMillis(i)) restingFill(o, b, i, t);
        Matching.Fill exit = matching.exits(s, b, i, null);
        if (exit != null) execution(s, null, exit.delta(), exit.price(), exit.fee(), false, exit.reason() == ExitReason.STOP_LOSS ? "StopLoss" : "TakeProfit", t);
        portfolio.mark(s, b.close(i));
        closed[s] = i + 1;
        taken[s][0] = taken[s][1] = 0;
        if (i + 1 < b.size()) funding(s, b.openTimeMillis(i + 1), b.open(i + 1));
        for (VenueListener l : listeners) l.onBarClosed(b, i);
        if (exit != null) positionChanged(s);
    }

    private void funding(int s, long time, double price) {
        List<FundingRate> f = market.get(s).funding();
        while (fundingNext[s] < f.size() && f.get(fundingNext[s]).time().toEpochMilli() <= time) {
            FundingRate r = f.get(fundingNext[s]++);
            double q = portfolio.position(s).quantity();
            if (q == 0) continue;
            double before = portfolio.cash();
            portfolio.payFunding(s, r.rate(), price);
            PaperExecution e = new PaperExecution(nextId(), "", "", instruments[s].symbol(), q > 0 ? "Sell" : "Buy", price, Math.abs(q),
                    before - portfolio.cash(), r.rate(), false, "Funding", r.time().toEpochMilli(), 0, ++seq);
            executions.add(e);
            for (VenueListener l : listeners) l.onExecution(e);
        }
    }

    private void restingFill(PaperOrder o, BarSeries b, int i, long t) {
        double px = o.request.price().doubleValue();
        boolean through = o.side() > 0 ? b.low(i) < px : b.high(i) > px;
        if (!through) return;
        double qty = o.leaves();
        if (o.request.reduceOnly()) qty = account.reducible(o.symbolIndex, o.side(), qty);
        if (qty <= 0) {
            o.cancel("CancelByReduceOnly", t);
            orderChanged(o);
            return;
        }
        double fee = makerFees.fee(qty, px);
        portfolio.fill(o.symbolIndex, o.side() * qty, px, fee, Instant.ofEpochMilli(t), ExitReason.SIGNAL, o.request.orderLinkId().value());
        o.executed(qty, px, fee, t);
        execution(o.symbolIndex, o, o.side() * qty, px, fee, true, "Trade", t);
        orderChanged(o);
        positionChanged(o.symbolIndex);
    }

    /** The bar trading now for symbol s (its open is the current price), or −1 outside the replayed range. */
    private int current(int s) {
        BarSeries b = market.get(s).bars();
        return closed[s] < b.size() && b.openTimeMillis(closed[s]) <= clock.now() ? closed[s] : -1;
    }

    public synchronized int symbolIndex(String symbol) {
        Integer s = index.get(symbol);
        if (symbol == null || s == null) throw new VenueException(RetCode.PARAMS, "params error: symbol invalid");
        return s;
    }

    public List<Instrument> instruments() { return List.of(instruments); }

    public BarSeries bars(int s) { return market.get(s).bars(); }

    public MarketFrame frame(int s) { return market.get(s); }

    Formats formats(int s) { return formats[s]; }

    /** Bars closed so far for symbol s (the next one, if it has opened, is the current bar). */
    public synchronized int closedBars(int s) {
        sync();
        return closed[s];
    }

    /** The last traded price of symbol s: the current bar's open, else the last close (NaN before the data). */
    public synchronized double lastPrice(int s) {
        sync();
        return priceNow(s);
    }

    private double priceNow(int s) {
        int k = current(s);
        BarSeries b = market.get(s).bars();
        return k >= 0 ? b.open(k) : closed[s] > 0 ? b.close(closed[s] - 1) : Double.NaN;
    }

    /** Places an order (Bybit's checks and texts); returns it, already filled if it could be. */
    public synchronized PaperOrder place(OrderRequest r) {
        long now = sync();
        int s = symbolIndex(r.symbol());
        if (orders.hasLinkId(r.orderLinkId().value())) throw new VenueException(RetCode.DUPLICATE_ORDER_LINK_ID);
        int k = current(s);
        if (k < 0) throw new VenueException(RetCode.PARAMS, "params error: " + r.symbol() + " has no price at market time " + Instant.ofEpochMilli(now) + " (outside the replayed history)");
        double ref = market.get(s).bars().open(k);
        boolean market = r.type() == OrderRequest.Type.Market;
        OrderRules.check(r, instruments[s], ref, portfolio.position(s).quantity());
        int side = r.side() == OrderRequest.Side.Buy ? 1 : -1;
        if (!r.reduceOnly()) account.checkMargin(s, side * r.qty().doubleValue(), market ? ref : r.price().doubleValue());
        PaperOrder o = new PaperOrder(nextId(), r, s, now);
        orders.put(o);
        boolean marketable = market || (side > 0 ? r.price().doubleValue() >= ref : r.price().doubleValue() <= ref);
        if (marketable && r.timeInForce() == OrderRequest.TimeInForce.PostOnly) {
            o.rejectReason = "EC_PostOnlyWillTakeLiquidity";
            o.cancel("UNKNOWN", now);
        } else if (marketable) {
            takeNow(o, s, k, ref, now);
        } else if (r.timeInForce() == OrderRequest.TimeInForce.IOC || r.timeInForce() == OrderRequest.TimeInForce.FOK) {
            o.rejectReason = "EC_NoImmediateQtyToFill";
            o.cancel("UNKNOWN", now);
        }
        orderChanged(o);
        return o;
    }

    /** A marketable order fills now as a taker, up to what the book holds this bar; an IOC/market rest is cancelled. */
    private void takeNow(PaperOrder o, int s, int k, double ref, long now) {
        BarSeries b = market.get(s).bars();
        int side = o.side();
        double want = o.leaves();
        if (o.request.reduceOnly()) want = account.reducible(s, side, want);
        double room = cfg.book().sideDepth(b, k - 1) - taken[s][side > 0 ? 1 : 0];
        double step = instruments[s].qtyStep().doubleValue();
        double qty = Math.min(want, Math.floor(Math.max(0, room) / step + 1e-9) * step);
        if (o.request.timeInForce() == OrderRequest.TimeInForce.FOK && qty < want) qty = 0;
        if (qty > 0) {
            double price = matching.fillPrice(ref, side * qty, b, k - 1);
            if (o.request.type() == OrderRequest.Type.Limit) price = side > 0 ? Math.min(price, o.request.price().doubleValue()) : Math.max(price, o.request.price().doubleValue());
            double fee = matching.models().fees().fee(side * qty, price);
            portfolio.fill(s, side * qty, price, fee, Instant.ofEpochMilli(now), ExitReason.SIGNAL, o.request.orderLinkId().value());
            portfolio.markIfUnset(s, ref);
            taken[s][side > 0 ? 1 : 0] += qty;
            o.executed(qty, price, fee, now);
            execution(s, o, side * qty, price, fee, false, "Trade", now);
            account.protect(s, o.request.takeProfit(), o.request.stopLoss());
            positionChanged(s);
        }
        boolean rests = o.request.type() == OrderRequest.Type.Limit && o.request.timeInForce() == OrderRequest.TimeInForce.GTC;
        if (o.open() && !rests) {
            if (o.cumExecQty == 0) o.rejectReason = "EC_NoImmediateQtyToFill";
            o.cancel("UNKNOWN", now);
        }
    }

    /** Cancels an open order by orderId (wins) or orderLinkId. */
    public synchronized PaperOrder cancel(String symbol, String orderId, String orderLinkId) {
        long now = sync();
        PaperOrder o = orders.openOrder(symbolIndex(symbol), orderId, orderLinkId);
        o.cancel("CancelByUser", now);
        orderChanged(o);
        return o;
    }

    /** Cancels every open order of a symbol; returns them (empty when there was none). */
    public synchronized List<PaperOrder> cancelAll(String symbol) {
        long now = sync();
        List<PaperOrder> out = orders.list(symbolIndex(symbol), true);
        for (PaperOrder o : out) {
            o.cancel("CancelByUser", now);
            orderChanged(o);
        }
        return out;
    }

    /** Changes an open limit order's quantity and/or price (Bybit's amend). */
    public synchronized PaperOrder amend(String symbol, String orderId, String orderLinkId, BigDecimal qty, BigDecimal price) {
        sync();
        PaperOrder o = orders.openOrder(symbolIndex(symbol), orderId, orderLinkId);
        if (qty == null && price == null) throw new VenueException(RetCode.PARAMS, "params error: nothing to amend");
        OrderRequest r = o.request;
        OrderRequest changed = new OrderRequest(r.symbol(), r.side(), r.type(), qty != null ? qty : r.qty(), price != null ? price : r.price(), r.timeInForce(),
                r.orderLinkId(), r.reduceOnly(), r.takeProfit(), r.stopLoss());
        if (changed.qty().doubleValue() <= o.cumExecQty) throw new VenueException(RetCode.PARAMS, "params error: qty must exceed the filled quantity");
        PaperOrder amended = o.amended(changed, clock.now());
        orders.put(amended);
        orderChanged(amended);
        return amended;
    }

    /** Orders, newest first: open ones, or also closed ones; one order by id or link id when given. */
    public synchronized List<PaperOrder> orders(String symbol, String orderId, String orderLinkId, boolean openOnly) {
        sync();
        if ((orderId != null && !orderId.isEmpty()) || (orderLinkId != null && !orderLinkId.isEmpty())) {
            PaperOrder o = orders.find(orderId, orderLinkId);
            return o == null || (symbol != null && !o.request.symbol().equals(symbol)) ? List.of() : List.of(o);
        }
        return orders.list(symbol == null ? null : symbolIndex(symbol), openOnly);
    }

    public synchronized List<PaperExecution> executions(String symbol) {
        sync();
        List<PaperExecution> out = new ArrayList<>();
        for (PaperExecution e : executions) if (symbol == null || e.symbol().equals(symbol)) out.add(0, e);
        return out;
    }

    /** The account's positions: one row per symbol, flat ones included (Bybit does so when a symbol is asked). */
    public synchronized List<PaperPosition> positions(String symbol) {
        sync();
        List<PaperPosition> out = new ArrayList<>();
        for (int s = 0; s < market.size(); s++)
            if (symbol == null || instruments[s].symbol().equals(symbol)) out.add(account.row(s, priceNow(s), seq));
        return out;
    }

    /** The unified account: wallet balance (cash less unrealised P&amp;L), equity, margin in use and what is free. */
    public synchronized PaperWallet wallet() {
        sync();
        return account.wallet();
    }

    public synchronized void setLeverage(String symbol, BigDecimal buy, BigDecimal sell) {
        sync();
        int s = symbolIndex(symbol);
        account.setLeverage(s, buy, sell);
        positionChanged(s);
    }

    /** Sets (or with "0" clears) the position's take profit and stop loss; null leaves one as it is. */
    public synchronized void tradingStop(String symbol, BigDecimal takeProfit, BigDecimal stopLoss) {
        sync();
        int s = symbolIndex(symbol);
        account.tradingStop(s, takeProfit, stopLoss, priceNow(s));
        positionChanged(s);
    }

    private void execution(int s, PaperOrder o, double delta, double price, double fee, boolean maker, String type, long t) {
        PaperExecution e = new PaperExecution(nextId(), o == null ? "" : o.orderId, o == null ? "" : o.request.orderLinkId().value(), instruments[s].symbol(),
                delta > 0 ? "Buy" : "Sell", price, Math.abs(delta), fee, maker ? cfg.costs().makerFee() : cfg.costs().takerFee(), maker, type, t,
                o == null ? 0 : o.request.qty().doubleValue(), ++seq);
        executions.add(e);
        if (executions.size() > cfg.maxExecutions()) executions.remove(0);
        for (VenueListener l : listeners) l.onExecution(e);
    }

    private void orderChanged(PaperOrder o) { for (VenueListener l : listeners) l.onOrder(o.toJson(formats[o.symbolIndex])); }

    private void positionChanged(int s) {
        if (listeners.isEmpty()) return;
        PaperPosition p = account.row(s, priceNow(s), seq);
        PaperWallet w = account.wallet();
        for (VenueListener l : listeners) {
            l.onPosition(p);
            l.onWallet(w);
        }
    }

    private String nextId() { return new UUID(ids.nextLong(), ids.nextLong()).toString(); }
}
