package io.tatra.app;

import io.tatra.Json;
import io.tatra.TatraException;
import io.tatra.backtest.CostConfig;
import io.tatra.bybit.protocol.ApiKey;
import io.tatra.decision.FusionConfig;
import io.tatra.exchange.MarketClock;
import io.tatra.exchange.PaperExchangeServer;
import io.tatra.exchange.PaperExecution;
import io.tatra.exchange.PaperPosition;
import io.tatra.exchange.PaperWallet;
import io.tatra.features.Feature;
import io.tatra.features.MarketFrame;
import io.tatra.live.KillSwitch;
import io.tatra.live.Reconciliation;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.model.io.ModelCard;
import io.tatra.model.io.ModelStore;
import io.tatra.risk.RiskLimits;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * {@code tatra paper}: the paper exchange replaying stored history and a live session trading a model against it, in
 * one process, over loopback: the whole live path (stream, REST, orders, fills) on the embedded default. The engine
 * warms up on the first bars of the period (as a backtest of the same period does) and trades from its first complete
 * window. {@code speed} 0 runs in lock-step: the market clock moves to the next bar's close as soon as the engine has
 * handled the last one; otherwise the clock runs at {@code speed} market seconds per second. The client key is made
 * up for the run and never written anywhere.
 *
 * <p>Lock-step keeps what a live hour between two bars gives: before each close the pre-close warming's pass runs
 * (when on), as a live session's warming thread would shortly before the bar. With {@code warmPasses} > 0 the period's
 * first closes are rehearsed first against a throw-away exchange ({@link PaperRehearsal}), so that the exchange's own
 * code, in this process, is compiled before the first measured bar.
 */
public final class PaperService {
    private PaperService() {}

    public record Request(Path home, Path dir, Path model, List<Symbol> symbols, Instant from, Instant to, double speed, double capital, CostConfig costs, Path faults,
                          RiskLimits risk, PolicySpec decisions, KillSwitch.Policy killPolicy, boolean dryRun, long seed,
                          RetrainService.Schedule retrain, int warmPasses) {
        public Request(Path home, Path dir, Path model, List<Symbol> symbols, Instant from, Instant to, double speed, double capital, CostConfig costs, Path faults,
                       RiskLimits risk, PolicySpec decisions, KillSwitch.Policy killPolicy, boolean dryRun, long seed, RetrainService.Schedule retrain) {
            this(home, dir, model, symbols, from, to, speed, capital, costs, faults, risk, decisions, killPolicy, dryRun, seed, retrain, LiveRequest.WARM_PASSES);
        }

        /** The same request with another decision policy. */
        public Request withDecisions(PolicySpec p) {
            return new Request(home, dir, model, symbols, from, to, speed, capital, costs, faults, risk, p, killPolicy, dryRun, seed, retrain, warmPasses);
        }

        /** The same request with another number of warm-up forecasts ({@link LiveRequest#warmPasses}). */
        public Request withWarmPasses(int n) {
            return new Request(home, dir, model, symbols, from, to, speed, capital, costs, faults, risk, decisions, killPolicy, dryRun, seed, retrain, n);
        }

        public Request {
            if (symbols == null || symbols.isEmpty()) throw new TatraException("--symbols: give at least one symbol");
            if (!(speed >= 0) || speed > 1e7) throw new TatraException("--speed must be 0 (lock-step) .. 10000000, got " + speed);
            if (warmPasses < 0 || warmPasses > 1_000_000) throw new TatraException("--warm-passes must be 0..1000000, got " + warmPasses);
        }
    }

    /**
     * What the run did: bars handled, orders and fills at the exchange, equity, differences at the end, and where its
     * files are; {@code preCloseWarmPasses}: the warming passes run before the closes; {@code referenceMs}: after a
     * lock-step run, {@link #REFERENCE_PASSES} of them timed back to back in the same process (null without warming or
     * in a timed replay): the decision's compute alone, to set the run's latency against the machine's speed that hour.
     */
    public record Result(Path dir, long bars, long ordersSent, long notSent, long errors, int fills, double startEquity, double endEquity, double feesPaid,
                         double fundingPaid, List<String> differences, Map<String, List<String>> orderAudit, int reconnections, long barsBackfilled,
                         Map<String, Map<String, Double>> latencyMs, Map<String, String> positions, double buyAndHold, long openInterestPushed,
                         long openInterestRead, long fundingPushed, long fundingRead, io.tatra.live.AccountReads account, long preCloseWarmPasses,
                         Map<String, Double> referenceMs, long booksRecorded, long closesWithoutBook, long bookResyncs) {
        /** No position difference and no lost, duplicated, unknown or unsettled order. */
        public boolean clean() { return differences.isEmpty() && orderAudit.values().stream().allMatch(List::isEmpty); }
    }

    /** Warming passes timed after a lock-step run, as its latency's reference. */
    public static final int REFERENCE_PASSES = 2_000;

    public static Result run(Request r, Consumer<String> say) {
        ModelCard card = ModelStore.card(r.model());
        Interval interval = Interval.parse(card.interval());
        List<MarketFrame> frames = MarketData.loadAll(r.home(), r.symbols(), interval, r.from(), r.to());
        int need = Feature.maxWarmup() + card.window();
        long start = Long.MIN_VALUE, end = Long.MIN_VALUE;
        TreeSet<Long> closes = new TreeSet<>();
        for (MarketFrame f : frames) {
            BarSeries b = f.bars();
            if (b.size() < need + 1)
                throw new TatraException(b.symbol() + " " + interval.code() + " has " + b.size() + " bars in the period; the model needs " + need + " to warm up and more to trade");
            start = Math.max(start, b.openTimeMillis(need - 1));
            end = Math.max(end, b.openTimeMillis(b.size() - 1) + interval.millis());
            for (int i = 0; i < b.size(); i++) closes.add(b.openTimeMillis(i) + interval.millis());
        }
        if (card.seenTo() != null && Instant.parse(card.seenTo()).toEpochMilli() >= start)
            say.accept("tatra paper: warning: the model was trained and early-stopped on data up to " + card.seenTo() + "; trading from "
                    + Instant.ofEpochMilli(start + interval.millis()) + " is in-sample up to then: use --from after it for an honest run");
        if (r.decisions().kind() == io.tatra.decision.DecisionPolicy.Kind.COST_AWARE && r.decisions().fitted() == null) // fitted once, for the rehearsal and the run
            r = r.withDecisions(r.decisions().withFitted(r.model(), r.decisions().fit(r.model(), card, say)));
        PaperRehearsal.run(r, start, interval.millis(), say);
        ApiKey key = runKey(r.seed());
        var exchange = new PaperExchangeService.Request(r.home(), r.symbols(), interval, r.from(), r.to(), Instant.ofEpochMilli(start + 1_000), r.speed(), 0, r.capital(),
                r.costs(), List.of(key), null, r.faults(), r.seed());
        try (PaperExchangeServer server = PaperExchangeService.start(exchange)) {
            if (r.speed() == 0 || r.speed() > 60) server.scaleRateLimits(1000); // market time runs far faster than the limits' wall clock
            double startEquity = server.venue().wallet().equity();
            var live = new LiveRequest(r.dir(), URI.create(server.url()), URI.create(server.publicStream()), key, r.model(), r.symbols(), interval,
                    r.dryRun(), r.risk(), r.decisions(), r.killPolicy(), false, Instant.ofEpochMilli(frames.stream().mapToLong(f -> f.bars().openTimeMillis(0)).min().orElseThrow()), r.warmPasses(), true).withHome(r.home()); // the replay's stored books for the warm-up bars
            LiveService.Session session = LiveService.start(live, say);
            session.journalOutcomesElsewhere(); // from every fill of the exchange, below
            if (r.retrain() != null) { // the replay's store is the data: nothing to download; retrains see data up to the replay's clock only
                session.retrainEvery(r.retrain().everyBars(), r.retrain().request(r.home(), r.model(), r.symbols(), r.seed()), false);
                say.accept("tatra paper: retraining every " + r.retrain().everyBars() + " bars; " + r.model() + " keeps every version (tatra model list)");
            }
            Map<String, Double> reference = null;
            try {
                say.accept("tatra paper: trading " + r.symbols() + " " + interval.code() + " from " + Instant.ofEpochMilli(start + interval.millis()) + " to " + Instant.ofEpochMilli(end)
                        + (r.speed() == 0 ? " in lock-step" : " at " + r.speed() + "x") + "; journals in " + r.dir());
                // the last bar's close is the end of the data: an order decided there would have no price to fill at (a backtest cannot fill it either)
                if (r.speed() == 0) {
                    lockStep(server, session, closes.subSet(start + interval.millis(), true, end, false), frames.size());
                    reference = session.referencePasses(REFERENCE_PASSES);
                } else {
                    replay(server, session, end - interval.millis());
                }
            } finally {
                session.close();
            }
            server.venue().sync();
            List<String> diff = new ArrayList<>();
            Map<String, BigDecimal> venuePositions = new HashMap<>();
            Map<String, String> positions = new LinkedHashMap<>();
            for (Symbol s : r.symbols())
                for (PaperPosition p : server.venue().positions(s.value()))
                    if (p.quantity() != 0) {
                        venuePositions.put(s.value(), BigDecimal.valueOf(p.quantity()));
                        positions.put(s.value(), BigDecimal.valueOf(p.quantity()).toPlainString());
                    }
            Reconciliation.State engine = session.engine().state();
            // within a quantity step: the exchange keeps positions in doubles, the journal sums the fills' decimal quantities
            for (var d : Reconciliation.compare(engine, new Reconciliation.State(venuePositions, engine.openOrders()), session.qtySteps())) diff.add(d.toString());
            int fills = 0;
            List<PaperExecution> executions = new ArrayList<>();
            for (Symbol s : r.symbols()) executions.addAll(server.venue().executions(s.value()));
            executions.sort(java.util.Comparator.comparingLong(PaperExecution::seq));
            for (PaperExecution e : executions) if (!"Funding".equals(e.execType())) fills++;
            StringBuilder lines = new StringBuilder();
            for (PaperExecution e : executions) lines.append(Json.line(e)).append('\n');
            io.tatra.AtomicWrite.text(r.dir().resolve("executions.jsonl"), lines.toString()); // the exchange's side of the run, for comparison
            writeOutcomes(r.dir(), frames, executions);
            PaperWallet w = server.venue().wallet();
            io.tatra.live.LiveEngine.Counts c = session.engine().counts();
            long[] oi = session.openInterestCounts(), fr = session.fundingCounts(), books = session.bookCounts();
            List<String> links = new ArrayList<>();
            for (Symbol s : r.symbols()) for (var o : server.venue().orders(s.value(), null, null, false)) links.add(o.orderLinkId());
            Map<String, List<String>> audit = r.dryRun() ? Map.of() : io.tatra.live.OrderLog.audit(r.dir().resolve("orders.jsonl"), links);
            Result out = new Result(r.dir(), session.handled(), c.sent(), c.refused(), c.errors(), fills, startEquity, w.equity(), w.feesPaid(), w.fundingPaid(), diff,
                    audit, session.reconnections(), session.backfilled(), session.engine().latency(), positions, buyAndHold(frames, start), oi[0], oi[1], fr[0], fr[1],
                    session.engine().accountReads(), session.warming() == null ? 0 : session.warming().passes(), reference,
                    books[0], books[1], books[2]);
            io.tatra.AtomicWrite.text(r.dir().resolve("paper.json"), Json.write(out) + "\n");
            return out;
        }
    }

    /**
     * Buy-and-hold over the traded span, beside the strategy: equal weights, bought at the close of the first decided
     * bar (the strategy's first chance to trade) and held to the last close, without costs.
     */
    static double buyAndHold(List<MarketFrame> frames, long firstDecidedOpen) {
        double sum = 0;
        for (MarketFrame f : frames) {
            BarSeries b = f.bars();
            int i = Math.max(0, Math.min(b.size() - 1, b.lowerBound(firstDecidedOpen)));
            sum += b.close(b.size() - 1) / b.close(i) - 1;
        }
        return sum / frames.size();
    }

    /** The trades the fills made, as design-document outcomes ({@code outcomes.jsonl}, win_5m / win_30m from the bars), linked to their decisions. */
    private static void writeOutcomes(Path dir, List<MarketFrame> frames, List<PaperExecution> executions) {
        List<io.tatra.live.FillTrades.Fill> fills = new ArrayList<>();
        for (PaperExecution e : executions)
            fills.add(new io.tatra.live.FillTrades.Fill(Symbol.of(e.symbol()), e.orderLinkId(), "Buy".equals(e.side()) ? 1 : -1, e.price(), e.qty(), e.fee(),
                    LiveOutcomes.kind(e.execType(), ""), e.time()));
        Map<Symbol, BarSeries> bars = new HashMap<>();
        for (MarketFrame f : frames) bars.put(f.bars().symbol(), f.bars());
        LiveOutcomes.write(dir, fills, bars, false);
    }

    /** Moves the market clock bar by bar, each time waiting until the engine handled every symbol's bar (a lost one is fetched over REST). */
    private static void lockStep(PaperExchangeServer server, LiveService.Session session, java.util.SortedSet<Long> closes, int symbols) {
        MarketClock.Manual clock = (MarketClock.Manual) server.venue().clock();
        for (long close : closes) {
            long target = session.handled() + symbols;
            session.warmBeforeClose(); // what the hour between two live bars is for: the model's weights back in the caches
            clock.set(close + 1_000);
            server.venue().sync();
            // a closed bar comes over loopback in milliseconds; a halted session (stop opening) still handles every bar
            if (!session.awaitHandled(target, 250_000_000L)) {
                // the engine is still at this close's bars (a collector's pause, slow answers to its orders): wait while it
                // gets on, as a REST read instead takes the venue's coarser open-interest history and the run would not repeat
                long seen = session.handled(), deadline = System.nanoTime() + 60_000_000_000L;
                while ((session.handling() || session.handled() > seen) && System.nanoTime() < deadline) {
                    seen = session.handled();
                    if (session.awaitHandled(target, 250_000_000L)) break;
                }
                if (session.handled() < target) { // nothing in hand and nothing new: a frame was lost
                    session.poll(); // a dropped stream frame: the bar comes over REST
                    session.awaitHandled(target, 2_000_000_000L); // still short: the venue has no bar for a symbol at this time; go on
                }
            }
            session.retrains(3_600_000); // lock-step waits for a retrain started at this bar: the run stays reproducible
        }
        session.poll();
    }

    /** Lets the replay clock run to the end of the data, polling for bars the stream lost. */
    private static void replay(PaperExchangeServer server, LiveService.Session session, long end) {
        MarketClock clock = server.venue().clock();
        while (clock.now() < end + 1_000) {
            sleepQuietly(200);
            session.poll();
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TatraException("interrupted");
        }
    }

    /** A key and secret for this run only (the paper exchange and the engine share them in memory). */
    private static ApiKey runKey(long seed) {
        SecureRandom rnd = new SecureRandom();
        byte[] k = new byte[12], s = new byte[24];
        rnd.nextBytes(k);
        rnd.nextBytes(s);
        return new ApiKey("PAPER" + HexFormat.of().formatHex(k), HexFormat.of().formatHex(s));
    }
}
