package io.tatra.live;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What the engine knows of the account between two venue reads, and whether that still holds at a bar's close, so
 * that a closed bar reads the venue (positions and equity, over REST) only when something may have changed them.
 *
 * <p>Between two reads a position changes without the engine's doing only when its stop loss or take profit
 * triggers. Both trigger on the last traded price (Bybit's default trigger, the paper exchange's rule), and a closed
 * kline's low and high are the extremes of the last traded price over the bar: a bar whose range stays strictly
 * between a long's stop and take profit (or a short's) proves neither triggered during it. So a bar may skip the read
 * when the view was read after the engine's last order or stop move, no open order rests at the venue, and every bar
 * of a held symbol since the read stayed inside its levels ({@link #onBar}); otherwise it reads, and says why
 * ({@link Why}). Equity is the equity read, marked to the latest close of each held symbol
 * ({@code + size × (close − close at the read)}), as the backtest marks it.
 *
 * <p>A bar that reached a level needs no read either when the venue's private stream already delivered the stop or
 * take-profit fills that closed the whole position during that bar ({@link #protectiveFill}): Tatra's stops close the
 * full position and cancel the other level with it, so a position whose closing fills are all in is flat and stays
 * flat; its realized result (fill price against the close at the read, less the fees) moves into the equity. Fills
 * that do not add up to the position (a partial fill, a frame lost or still on its way) leave the read to answer.
 *
 * <p>Funding settlements the private stream reports ({@link #fundingFee}) come off the equity as they are heard, so
 * that a bar sizes from the same equity whether it read the venue or not; a settlement stamped at or before the close
 * of the last read is in that read and is not counted again. What the view cannot see between reads, and when the
 * engine learns it: a funding frame lost on the way (until the next read), a liquidation or auto-deleveraging, a trade
 * or transfer made by hand on the same account. {@link #refreshDue} asks for a read after
 * the bar's decision (off the path from bar to order) at the latest every {@link #REFRESH_CLOSES} close times, and
 * after every own action. A held symbol whose bar has not arrived yet at a close counts with its previous close.
 */
public final class AccountView {
    /** Close times after which the view is read again after the bar, whatever happened. */
    static final int REFRESH_CLOSES = 24;

    /** Why a bar read the venue at its start instead of trusting the view. */
    public enum Why {
        /** No read yet this session. */
        FIRST_READ,
        /** The engine sent an order or moved a stop since the last read (and that refresh did not happen). */
        OWN_ACTION,
        /** A held symbol's bar reached its stop loss or take profit. */
        LEVEL_REACHED,
        /** An order of the engine's rests at the venue. */
        OPEN_ORDERS,
        /** The last read failed. */
        FAILED_READ,
        /** The engine reconciled with the venue (start, reconnection, recovery, kill switch). */
        RECONCILED,
        /** A position held at the last read had no close to mark it from. */
        NO_MARK
    }

    private final Map<String, Held> held = new HashMap<>();

    /**
     * A position as read: signed size, stop loss and take profit (NaN: none), and the price the read's equity marks it
     * at: its entry price when the view counts from the wallet balance, else its symbol's close when it was read (NaN:
     * none known).
     */
    record Held(double size, double stop, double take, double markedAt) {}
    private final Map<String, Double> lastClose = new HashMap<>(), previousClose = new HashMap<>();
    private final Map<String, Long> lastOpen = new HashMap<>();
    private final Map<Why, Long> reads = new EnumMap<>(Why.class);
    private double equity = Double.NaN;
    private boolean openOrders;
    private Why must = Why.FIRST_READ;
    private long lastCloseTime = Long.MIN_VALUE;
    private int closesSinceRead;
    private long vouched, settled;
    private final Map<String, java.util.List<ProtectiveFill>> fills = new HashMap<>();

    /** A stop-loss or take-profit fill the venue's private stream reported: side {@code Buy}/{@code Sell}, venue time in ms. */
    public record ProtectiveFill(String symbol, String side, double qty, double price, double fee, long time) {
        public ProtectiveFill {
            if (!"Buy".equals(side) && !"Sell".equals(side)) throw new IllegalArgumentException("a fill's side is Buy or Sell, got " + side);
            if (!(qty > 0) || !(price > 0) || !Double.isFinite(fee)) throw new IllegalArgumentException("a fill needs qty > 0, price > 0 and a finite fee");
        }
    }

    /** A funding settlement the private stream reported: {@code fee} paid (negative: received), venue time in ms. */
    public record FundingFee(String symbol, double fee, long time) {
        public FundingFee {
            if (symbol == null || symbol.isBlank() || !Double.isFinite(fee) || time <= 0) throw new IllegalArgumentException("a funding fee needs a symbol, a finite fee and a time");
        }
    }

    private final java.util.List<FundingFee> funding = new java.util.ArrayList<>();
    private long readCovers = Long.MIN_VALUE;
    private long fundingHeard;

    /**
     * A funding settlement from the private stream (on the engine's thread): off the equity from now on, unless the last
     * read already holds it (stamped at or before that read's close).
     */
    void fundingFee(FundingFee f) {
        if (f.time() <= readCovers) return;
        funding.add(f);
        fundingHeard++;
    }

    /** Funding settlements taken from the stream since the session began (those a read already held not counted). */
    long fundingHeard() { return fundingHeard; }

    private double fundingPaid() {
        double paid = 0;
        for (FundingFee f : funding) paid += f.fee();
        return paid;
    }

    /**
     * A venue read, taken now: signed positions, each held position's stop loss and take profit (NaN or null: none),
     * the account's equity, and whether any order of the engine's rests at the venue.
     */
    void read(Map<String, BigDecimal> positions, Function<String, LiveEngine.Holding> holdings, double equity, boolean openOrders) {
        read(positions, holdings, equity, Double.NaN, openOrders);
    }

    /**
     * The same with the venue's wallet balance (its equity without the positions' unrealized P&L; NaN: unknown). When
     * it is known and every held position's entry price is, the view's equity is the wallet balance plus each position
     * marked from its entry to the engine's own closes — no mark of the venue's enters it, so a read taken before
     * another held symbol's bar of the same close has arrived (the venue already marking that symbol at a close the
     * engine has not seen) sizes nothing differently. Otherwise the venue's equity, marked from the closes known at
     * the read.
     */
    void read(Map<String, BigDecimal> positions, Function<String, LiveEngine.Holding> holdings, double equity, double wallet, boolean openOrders) {
        Map<String, LiveEngine.Holding> hs = new HashMap<>();
        boolean fromEntries = Double.isFinite(wallet);
        for (Map.Entry<String, BigDecimal> p : positions.entrySet()) {
            if (p.getValue().signum() == 0) continue;
            LiveEngine.Holding h = holdings.apply(p.getKey());
            if (h != null) hs.put(p.getKey(), h);
            if (h == null || !(h.averageEntry() > 0) || !Double.isFinite(h.averageEntry())) fromEntries = false;
        }
        double base = fromEntries ? wallet : equity;
        if (!Double.isFinite(base)) throw new IllegalArgumentException("the venue's equity is not a number: " + base);
        held.clear();
        for (Map.Entry<String, BigDecimal> p : positions.entrySet()) {
            double size = p.getValue().doubleValue();
            if (size == 0) continue;
            LiveEngine.Holding h = hs.get(p.getKey());
            double stop = h == null ? Double.NaN : h.stopLoss(), take = h == null ? Double.NaN : h.takeProfit();
            held.put(p.getKey(), new Held(size, stop, take, fromEntries ? h.averageEntry() : lastClose.getOrDefault(p.getKey(), Double.NaN)));
        }
        this.equity = base;
        this.openOrders = openOrders;
        fills.clear(); // what filled before the read is in it
        readCovers = lastCloseTime; // and every funding settled up to the latest close
        funding.removeIf(f -> f.time() <= readCovers);
        must = null;
        closesSinceRead = 0;
    }

    /** The engine sent an order or moved a stop: the next bar reads first, and so does the refresh after this bar. */
    void ownAction() { must = Why.OWN_ACTION; }

    /** The view no longer holds (a read failed, a reconnection, a reconciliation): the next bar reads first. */
    void invalidate(Why why) { must = why; }

    /** A stop-loss or take-profit fill from the private stream (call on the engine's thread, before the bar it may settle). */
    void protectiveFill(ProtectiveFill f) { fills.computeIfAbsent(f.symbol(), k -> new java.util.ArrayList<>()).add(f); }

    /** A warm-up bar's close: marks only. */
    void mark(String symbol, double close) { markClose(symbol, Long.MIN_VALUE, close); }

    private void markClose(String symbol, long openTime, double close) {
        Double was = lastClose.put(symbol, close);
        if (was != null) previousClose.put(symbol, was);
        lastOpen.put(symbol, openTime);
    }

    /**
     * A closed bar of {@code symbol} (its close time, low, high and close): marks it, and returns why the bar must read
     * the venue at its start, or null when the view vouches for the positions and equity (counted either way).
     */
    Why onBar(String symbol, long openTime, long closeTime, double low, double high, double close) {
        if (closeTime > lastCloseTime) {
            lastCloseTime = closeTime;
            closesSinceRead++;
        }
        markClose(symbol, openTime, close);
        Held h = held.get(symbol);
        if (h != null) {
            if (must == null && Double.isNaN(h.markedAt())) must = Why.NO_MARK; // held at a read before any close of it was known
            else if (must == null && reached(h, low, high) && !closedByFills(symbol, h, openTime, closeTime)) must = Why.LEVEL_REACHED;
        }
        Why why = must != null ? must : openOrders ? Why.OPEN_ORDERS : null;
        if (why == null) vouched++;
        else reads.merge(why, 1L, Long::sum);
        return why;
    }

    /**
     * A bar that reached a level of {@code symbol} and was told to read ({@link Why#LEVEL_REACHED}): when the private
     * stream's fills handed in since ({@link #protectiveFill}) now close the whole position, the bar is settled by them
     * instead — counted as vouched and settled, no longer as a read — and the read need not be waited for. False (the
     * read stands) when they do not add up, or when anything else asks for a read (an open order, an own action).
     */
    boolean settleLate(String symbol, long openTime, long closeTime) {
        Held h = held.get(symbol);
        if (must != Why.LEVEL_REACHED || openOrders || h == null || !closedByFills(symbol, h, openTime, closeTime)) return false;
        must = null;
        reads.merge(Why.LEVEL_REACHED, -1L, Long::sum);
        reads.remove(Why.LEVEL_REACHED, 0L);
        vouched++;
        return true;
    }

    /**
     * Whether the private stream's protective fills of {@code symbol} stamped within the bar (up to a second after its
     * close) close the whole position; if so the position is gone from the view and its result is in the equity.
     */
    private boolean closedByFills(String symbol, Held h, long openTime, long closeTime) {
        String closing = h.size() > 0 ? "Sell" : "Buy";
        double qty = 0, value = 0, fee = 0;
        for (ProtectiveFill f : fills.getOrDefault(symbol, java.util.List.of())) {
            if (!f.side().equals(closing) || f.time() < openTime || f.time() > closeTime + 1_000) continue;
            qty += f.qty();
            value += f.qty() * f.price();
            fee += f.fee();
        }
        double size = Math.abs(h.size());
        if (Math.abs(qty - size) > 1e-9 * Math.max(1, size)) return false;
        equity += Math.signum(h.size()) * (value - size * h.markedAt()) - fee; // realized against the close the read was marked at
        held.remove(symbol);
        fills.remove(symbol);
        settled++;
        return true;
    }

    /** Whether a bar's range reached a position's stop loss or take profit (inclusive: the venue triggers at the level). */
    static boolean reached(Held h, double low, double high) {
        double size = h.size(), stop = h.stop(), take = h.take();
        if (size > 0) return (!Double.isNaN(stop) && low <= stop) || (!Double.isNaN(take) && high >= take);
        return (!Double.isNaN(stop) && high >= stop) || (!Double.isNaN(take) && low <= take);
    }

    /** The equity read, marked to each held symbol's latest close. */
    double equity() {
        double e = equity - fundingPaid();
        for (Map.Entry<String, Held> p : held.entrySet()) {
            Held h = p.getValue();
            Double now = lastClose.get(p.getKey());
            if (now != null && !Double.isNaN(h.markedAt())) e += h.size() * (now - h.markedAt());
        }
        return e;
    }

    /**
     * The equity at the close of the bars opened at {@code barOpen} before any of them: each held symbol marked to its
     * close of an earlier bar, whichever of this close's bars have arrived. Taken once per close, it sizes every symbol
     * of that close from the same marks whatever order their bars arrive in (a reordered frame changes nothing); each
     * adds only its own move to its own close ({@link Before#of}).
     */
    Before before(long barOpen) {
        double e = equity - fundingPaid();
        Map<String, double[]> marks = new HashMap<>();
        for (Map.Entry<String, Held> p : held.entrySet()) {
            Held h = p.getValue();
            Double mark = markBefore(p.getKey(), barOpen);
            if (mark == null || Double.isNaN(h.markedAt())) continue;
            e += h.size() * (mark - h.markedAt());
            marks.put(p.getKey(), new double[]{h.size(), mark});
        }
        return new Before(e, marks);
    }

    /**
     * {@code symbol}'s close before the close of the bars opened at {@code barOpen}, whether or not its own bar of that
     * close has arrived yet (null: none known). What the sizing of any symbol at that close marks the others at.
     */
    Double markBefore(String symbol, long barOpen) {
        Long open = lastOpen.get(symbol);
        return open != null && open >= barOpen ? previousClose.get(symbol) : lastClose.get(symbol);
    }

    /** The latest close of {@code symbol}, or null before any. */
    Double close(String symbol) { return lastClose.get(symbol); }

    /** {@link #before}'s equity, and each held symbol's size and the close it was marked at there. */
    record Before(double equity, Map<String, double[]> marks) {
        /** The equity {@code symbol}'s bar sizes from: the marks before this close, plus its own move to {@code close}. */
        double of(String symbol, Double close) {
            double[] m = marks.get(symbol);
            return m == null || close == null ? equity : equity + m[0] * (close - m[1]);
        }
    }

    /** Whether the engine should read the venue after this bar's decision: after an own action, or when the read is old. */
    boolean refreshDue() { return must != null || closesSinceRead >= REFRESH_CLOSES; }

    /** Bars the view vouched for (those settled by the stream's fills included). */
    long vouched() { return vouched; }

    /** Bars whose reached level the stream's fills settled without a read. */
    long settledByStream() { return settled; }

    /** Bars that read the venue at their start, by reason. */
    Map<Why, Long> reads() { return Map.copyOf(reads); }
}
