package io.tatra.live;

import io.tatra.bybit.protocol.Kline;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the engine knows of the venue account — positions and open orders ({@link Reconciliation.State}), the equity
 * it sizes from — and when it reads them: at a bar's start only when the {@link AccountView} cannot vouch for them
 * (in parallel with the events and the model, {@link VenueReads}), after the engine's own orders and stop moves, and
 * when told (reconciliation, the kill switch). The stop and take-profit fills of the private stream arrive on any
 * thread and are handed to the view at the next bar. Otherwise used by the engine's thread only.
 */
final class EngineAccount implements AutoCloseable {
    private final LiveEngine.Venue venue;
    private final AccountView view = new AccountView();
    private final VenueReads reads;
    private final ConcurrentLinkedQueue<AccountView.ProtectiveFill> fills = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<AccountView.FundingFee> funding = new ConcurrentLinkedQueue<>();
    private Reconciliation.State state;
    private long equityBar = Long.MIN_VALUE;
    private AccountView.Before before;
    private final java.util.function.LongSupplier nanos;
    private long waited = -1;
    private LatencyRecorder.Account known = LatencyRecorder.Account.VIEW;
    /** A bar that reached a level of {@code symbol} and reads: the stream's fills may still settle it. */
    private record Level(String symbol, long open, long close) {}
    private Level level;
    private static final long FILL_POLL_NANOS = 20_000; // how often a bar waiting for its read looks for the stream's fills

    EngineAccount(LiveEngine.Venue venue, java.util.function.LongSupplier nanos) {
        this.venue = venue;
        this.nanos = nanos;
        this.reads = new VenueReads(venue);
        this.state = venue.state();
        VenueAccount.Balance b = venue.balance();
        view.read(state.positions(), venue::holding, b.equity(), b.wallet(), !state.openOrders().isEmpty()); // what warm-up bars see
        view.invalidate(AccountView.Why.FIRST_READ); // the first live bar reads again
    }

    /** Positions and open orders as last read (or as the stream's fills left them). */
    Reconciliation.State state() { return state; }

    /** Reads positions and open orders now (start, reconnection, recovery, the kill switch); the next bar reads the rest. */
    Reconciliation.State reconcile() {
        state = venue.state();
        view.invalidate(AccountView.Why.RECONCILED);
        return state;
    }

    /** A warm-up bar's close. */
    void mark(String symbol, double close) { view.mark(symbol, close); }

    /**
     * A closed bar arrived: its read starts unless the view vouches for the account; a position the stream's fills
     * closed during the bar is flat from now on, as a read would say. A bar that reached a level and reads may still be
     * settled by fills that arrive before its decision needs the account ({@link #position}, {@link #equityAt}).
     */
    void barStarts(String symbol, Kline bar, long closeTime) {
        waited = -1;
        level = null;
        drainFills();
        long settled = view.settledByStream();
        AccountView.Why why = view.onBar(symbol, bar.startTime(), closeTime, bar.low().doubleValue(), bar.high().doubleValue(), bar.close().doubleValue());
        if (why != null) {
            reads.start();
            known = LatencyRecorder.Account.READ;
            if (why == AccountView.Why.LEVEL_REACHED) level = new Level(symbol, bar.startTime(), closeTime);
        } else if (view.settledByStream() == settled) {
            known = LatencyRecorder.Account.VIEW;
        } else {
            flat(symbol);
            known = LatencyRecorder.Account.STREAM;
        }
    }

    private void drainFills() {
        for (AccountView.ProtectiveFill f; (f = fills.poll()) != null; ) view.protectiveFill(f);
        for (AccountView.FundingFee f; (f = funding.poll()) != null; ) view.fundingFee(f);
    }

    private void flat(String symbol) {
        Map<String, BigDecimal> p = new HashMap<>(state.positions());
        p.remove(symbol);
        state = new Reconciliation.State(p, state.openOrders());
    }

    /** How this bar knows the account (a read the stream's late fills made unnecessary counts as the stream). */
    LatencyRecorder.Account known() { return known; }

    /** How long the engine waited for this bar's read once it needed it (nanoseconds), or -1 when the bar took none. */
    long waited() { return waited; }

    /** After a bar: its read taken in, and a refresh after the engine's own orders or stop moves, or of an old view. */
    void barEnds() {
        positionsNow();
        if (view.refreshDue()) read(venue.state(), venue.balance());
    }

    /** The bar failed: its read is forgotten and the next bar reads. */
    void barFailed() {
        reads.drop();
        view.invalidate(AccountView.Why.FAILED_READ);
    }

    /** The engine sent an order ({@code positionsChanged}: re-read the positions now, for what follows in the bar) or moved a stop. */
    void ownAction(boolean positionsChanged) {
        view.invalidate(AccountView.Why.OWN_ACTION);
        if (positionsChanged) state = new Reconciliation.State(venue.positions(), state.openOrders()); // market orders: open orders do not change
    }

    /** The signed position in {@code symbol}, once this bar's read (if any) is in. */
    double position(String symbol) {
        positionsNow();
        return state.positions().getOrDefault(symbol, BigDecimal.ZERO).doubleValue();
    }

    /**
     * The equity {@code symbol}'s bar opened at {@code barOpen} sizes from: the account before that close, taken at its
     * first use for the close ({@link AccountView#before}: every symbol marked to an earlier close, no fill of this close
     * counted yet), plus the symbol's own move to its close. Whatever order the close's bars arrive in, each symbol gets
     * the same equity.
     */
    double equityAt(String symbol, long barOpen) {
        positionsNow();
        if (barOpen != equityBar || before == null) {
            equityBar = barOpen;
            before = view.before(barOpen);
        }
        return before.of(symbol, view.close(symbol));
    }

    /**
     * Gross notional of the positions other than {@code symbol}'s, as known now (the engine's own orders of this close
     * included), each marked at its close before the close of the bars opened at {@code barOpen}
     * ({@link AccountView#markBefore}): the marks are the same whichever of this close's bars have arrived. (The
     * positions are as known now: another symbol's stop that filled during this bar counts once its own bar, a read or
     * the stream has told the engine — the arrival-dependence that is left.)
     */
    double othersGross(String symbol, long barOpen) {
        positionsNow();
        double g = 0;
        for (Map.Entry<String, BigDecimal> p : state.positions().entrySet()) {
            if (p.getKey().equals(symbol)) continue;
            Double mark = view.markBefore(p.getKey(), barOpen);
            if (mark != null) g += Math.abs(p.getValue().doubleValue() * mark);
        }
        return g;
    }

    /** Any thread: a stop-loss or take-profit fill from the private stream. */
    void onProtectiveFill(AccountView.ProtectiveFill f) { fills.add(f); }

    /** Any thread: a funding settlement from the private stream. */
    void onFundingFee(AccountView.FundingFee f) { funding.add(f); }

    AccountReads counts() { return new AccountReads(view.vouched(), view.settledByStream(), view.fundingHeard(), view.reads()); }

    private void positionsNow() {
        if (!reads.pending()) return;
        long from = nanos.getAsLong();
        // the stop's or take profit's fills may have come on the private stream while the model ran, or come while the
        // read is still in flight: whichever of the two answers first
        for (boolean parked = false; level != null; parked = true) {
            drainFills();
            if (view.settleLate(level.symbol(), level.open(), level.close())) {
                reads.drop(); // still in flight; its answer is not waited for
                flat(level.symbol());
                known = LatencyRecorder.Account.STREAM;
                level = null;
                if (parked) waited = nanos.getAsLong() - from; // the decision waited for the stream's frame
                return;
            }
            if (reads.done()) break;
            java.util.concurrent.locks.LockSupport.parkNanos(FILL_POLL_NANOS);
        }
        VenueReads.Reading r = reads.take();
        waited = nanos.getAsLong() - from;
        read(new Reconciliation.State(r.positions(), state.openOrders()), r.balance());
    }

    private void read(Reconciliation.State s, VenueAccount.Balance b) {
        state = s;
        view.read(state.positions(), venue::holding, b.equity(), b.wallet(), !state.openOrders().isEmpty());
    }

    @Override
    public void close() { reads.close(); }
}
