package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.bybit.client.BybitException;
import io.tatra.bybit.client.BybitRestClient;
import io.tatra.bybit.client.BybitStream;
import io.tatra.bybit.client.ClientConfig;
import io.tatra.bybit.protocol.Instrument;
import io.tatra.bybit.protocol.Kline;
import io.tatra.journal.JournalWriter;
import io.tatra.live.ClosedBarFeed;
import io.tatra.live.KillSwitch;
import io.tatra.live.LatencyRecorder;
import io.tatra.live.LiveEngine;
import io.tatra.live.RateFeed;
import io.tatra.live.Reconciliation;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.model.io.ModelStore;
import io.tatra.trading.ModelStrategy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A live session as a use case ({@code tatra live}, {@code tatra paper}, tests): a saved model as a
 * {@link ModelStrategy} warmed up on the venue's history, the venue's kline stream through a {@link ClosedBarFeed} per
 * symbol, funding and open interest through a {@link RateFeed}, and the {@link LiveEngine} with its journals in one
 * folder ({@code orders.jsonl}, {@code decisions.jsonl}, {@code events.jsonl}, {@code status.json}, the kill-switch file
 * {@code STOP}). At start the venue's positions and open orders are reconciled with the last status the folder holds;
 * a difference stops the start unless the request adopts the venue's state. After every reconnection the bars missed
 * are fetched over REST and the state is reconciled again; a difference then trips the kill switch (stop opening). The
 * private stream's stop and take-profit fills go to the engine's account view ({@link PrivateFills}).
 */
public final class LiveService {
    private LiveService() {}

    /** One line of {@code events.jsonl}: what the engine did, when, for which bar. */
    public record Event(String time, String kind, String symbol, String bar, String detail) {}

    /** A session folder whose kill-switch file exists is not traded from until the file is removed. */
    public static void refuseIfStopped(Path dir) {
        Path stop = dir.resolve("STOP");
        if (Files.exists(stop))
            throw new TatraException(stop + " exists (`tatra live stop` or the kill switch wrote it): the engine would start halted; remove it to trade again");
    }

    /** Starts a session: checks the model against the stream, warms up, reconciles, subscribes. The caller closes it. */
    public static Session start(LiveRequest r, Consumer<String> say) {
        refuseIfStopped(r.dir());
        TradingModel loaded = TradingModel.open(r.model());
        try {
            return new Session(r, loaded, say);
        } catch (BybitException e) { // the venue unreachable or refusing at start: the user's network, key or --venue, not a bug
            loaded.close();
            throw new TatraException("the venue " + r.rest() + " did not let the session start: " + e.getMessage()
                    + (r.rest().getHost().equals("127.0.0.1") ? "; is the paper exchange running on that port (`tatra exchange serve` prints it)?" : ""));
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    /** A running session: bars arrive on the stream's thread; {@link #close} ends it and writes the final status. */
    public static final class Session implements AutoCloseable {
        private final LiveRequest r;
        private final TradingModel loaded;
        private final Interval interval;
        private final BybitRestClient rest;
        private final io.tatra.bybit.client.BybitTrading trading;
        private final LiveEngine engine;
        private final VenueStateCheck stateCheck;
        private final JournaledStrategy journaled;
        private final SessionEvents exchange;
        private final io.tatra.trading.HoldingRules holding; // one per session: a position's age outlives a model swap
        private LiveOutcomes outcomes; // null: a dry run, or the caller journals outcomes itself
        private final JournalWriter<Event> events;
        private final Map<Symbol, ClosedBarFeed> feeds = new LinkedHashMap<>();
        private final Map<Symbol, List<Kline>> warmBars = new HashMap<>(); // the warm-up history, replayed by the rehearsal
        private final Consumer<String> say;
        private BybitStream stream;
        private final HandledBars handled = new HandledBars();
        private volatile String halted;

        private Session(LiveRequest r, TradingModel loaded, Consumer<String> say) {
            this.r = r;
            this.holding = r.decisions().holdingRules();
            this.loaded = loaded;
            this.say = say;
            var card = loaded.card();
            if (!loaded.canDecide())
                throw new TatraException(r.model() + " lacks a core head (direction, volatility, regime, return): it cannot decide; train it with `tatra train`");
            this.interval = Interval.parse(card.interval());
            this.closes = new io.tatra.live.CloseClock(interval.millis());
            if (r.interval() != null && r.interval() != interval)
                throw new TatraException("the model " + r.model() + " was trained on " + interval.code() + " bars; the stream asked for is " + r.interval().code()
                        + ": its features would mean something else. Trade it on " + interval.code() + " or train a model for " + r.interval().code());
            try {
                Files.createDirectories(r.dir());
            } catch (java.io.IOException e) {
                throw new TatraException("cannot create " + r.dir() + ": " + e.getMessage());
            }
            RequestStamp stamp = new RequestStamp();
            this.rest = BybitRestClient.of(ClientConfig.of(r.rest(), r.key()), stamp::wrap);
            this.trading = new io.tatra.bybit.client.BybitTrading(rest);
            Map<Symbol, Instrument> instruments = BybitLiveVenue.instruments(rest, r.rest(), r.symbols());
            instruments.values().forEach(in -> steps.put(in.symbol(), in.qtyStep()));
            int horizon = card.labels().horizon();
            io.tatra.decision.FusionPolicy policy = r.decisions().fit(r.model(), card, say);
            ModelStrategy strategy = new ModelStrategy(loaded.forecaster(), loaded.normalization(), loaded.features(), card.window(), horizon, policy, Map.of(), null)
                    .withHoldingRules(holding);
            this.journaled = new JournaledStrategy(strategy);
            if (r.decisions().ppoPolicy() != null) this.ppo = PpoSizing.positions(r.decisions().ppoPolicy(), r.model(), journaled, say);
            this.events = JournalWriter.open(r.dir().resolve("events.jsonl"), Event.class, JournalWriter.Durability.FLUSH);
            BybitLiveVenue venue = new BybitLiveVenue(rest, r.symbols().stream().map(Symbol::value).toList(), stamp);
            var engineConfig = new LiveEngine.Config(interval, Math.max(strategy.barsNeeded(), 2), r.dryRun(), r.risk(), r.dir().resolve("status.json"));
            this.engine = new LiveEngine(engineConfig, journaled, venue, instruments, new KillSwitch(r.dir().resolve("STOP"), r.killPolicy()), new LatencyRecorder(), this::log, System::nanoTime);
            this.exchange = new SessionEvents(rest, interval, instruments, pushed, journaled, r.symbols(), loaded.features().books());
            engine.withEvents(exchange);
            this.stateCheck = new VenueStateCheck(engine, trading, steps, this::log);
            try {
                if (!r.dryRun()) for (String line : engine.recover(r.dir().resolve("orders.jsonl"))) say.accept("tatra live: " + line);
                stateCheck.atStart(r.dir(), r.adoptVenueState());
                warmUp(strategy);
                SessionRehearsal.run(r, loaded, policy, warmBars, instruments, engineConfig, say);
                if (loaded.unified() && r.warmPasses() > 0 && r.preCloseWarm()) // LightGBM's forecast takes microseconds, and its booster is not shared across threads
                    warmer = new io.tatra.live.PreCloseWarmer(closes, strategy.warmPass(), System::nanoTime, line -> log("warming", null, 0, line));
                if (!r.dryRun()) outcomes = new LiveOutcomes(trading, r.symbols(), tradingFrom());
                journaled.startJournals(r.dir()); // every decision and feature snapshot from the first live bar on, decisions as a backtest journals them
                exchange.books.startJournal(r.dir());
                subscribe();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }


        /** Feeds the strategy the venue's closed bars from the warm-up start to now (events primed in one request per kind). */
        private void warmUp(ModelStrategy strategy) {
            long step = interval.millis();
            for (Symbol s : r.symbols()) {
                long from = r.warmFrom() != null ? r.warmFrom().toEpochMilli() : latestStart(s) - (strategy.barsNeeded() + 24L) * step;
                from = Math.floorDiv(from + step - 1, step) * step;
                List<Kline> bars = closedBars(s, from);
                if (bars.size() < strategy.barsNeeded() - 1) // the bar that completes the first window may be the first live one
                    say.accept("tatra live: warning: " + s.value() + " has " + bars.size() + " closed bars since " + Instant.ofEpochMilli(from) + "; the model needs "
                            + strategy.barsNeeded() + " before its first decision");
                long last = bars.isEmpty() ? from - step : bars.get(bars.size() - 1).startTime();
                if (!bars.isEmpty()) exchange.prime(s, bars.get(0).startTime(), last + step, r.home(), say);
                for (Kline k : bars) engine.warmUp(s, k);
                warmBars.put(s, bars);
                feeds.put(s, new ClosedBarFeed(s.value(), interval, last, BybitLiveVenue.history(rest), k -> onBar(s, k)));
            }
        }

        private long latestStart(Symbol s) { return BybitLiveVenue.latestStart(rest, s, interval); }

        private List<Kline> closedBars(Symbol s, long from) { return BybitLiveVenue.closedBars(rest, s, interval, from); }

        private void subscribe() {
            // first: a stop that fills is heard before the bar that reached it
            privateStream = PrivateFills.open(r.stream(), r.key(), r.symbols(), engine::onProtectiveFill, engine::onFundingFee, (sym, kind, why) -> log(kind, sym, 0, why));
            StreamRouting routing = new StreamRouting(r.symbols(), interval, pushed, exchange.books, new StreamRouting.Session() {
                @Override
                public void closedBar(Symbol s, Kline k, long receivedNanos) { feed(s, k, receivedNanos); }

                @Override
                public void frameNotRead(Symbol s, String why) { log("error", s, 0, why); }

                @Override
                public void resync(String topic) { if (stream != null) stream.resubscribe(topic); }

                @Override
                public void reconnected(int n) { afterReconnect(n); }
            });
            try {
                stream = BybitStream.open(BybitStream.Config.of(r.stream(), null), routing);
            } catch (java.util.concurrent.CompletionException | IllegalStateException e) {
                Throwable c = e.getCause() != null ? e.getCause() : e;
                throw new TatraException("the venue's stream " + r.stream() + " did not connect: " + c.getClass().getSimpleName() + (c.getMessage() == null ? "" : " " + c.getMessage()));
            }
            stream.subscribe(routing.topics());
            exchange.books.awaitSnapshots(2_000); // the first bar below finds its book, not a race with the snapshot
            catchUp(); // a bar that closed between the warm-up and the subscription
        }

        private BybitStream privateStream;

        private final io.tatra.live.CloseClock closes;
        private io.tatra.live.PreCloseWarmer warmer;

        /** Pre-close warming's counts, or null when it is off (a LightGBM model, --no-pre-close-warm, --warm-passes 0). */
        public io.tatra.live.PreCloseWarmer.Stats warming() { return warmer == null ? null : warmer.stats(); }

        /** A replay that moves the clock itself, before each close: the pre-close warming's pass, when it is on ({@link io.tatra.live.PreCloseWarmer#beforeClose}). */
        public void warmBeforeClose() { if (warmer != null) warmer.beforeClose(); }

        /** {@link io.tatra.live.PreCloseWarmer#reference}: {@code n} warming passes timed back to back; null when warming is off. */
        public Map<String, Double> referencePasses(int n) { return warmer == null ? null : warmer.reference(n); }

        private void feed(Symbol s, Kline k, long received) {
            closes.arrived(k.startTime() + interval.millis(), received); // before the lock: the warmer stops its passes at once
            handled.handle(() -> {
                synchronized (engine) {
                    lastReceived = received;
                    try {
                        feeds.get(s).onClosed(k);
                    } catch (BybitException | IllegalArgumentException e) {
                        log("error", s, k.startTime(), "bar not handled: " + e.getMessage());
                    }
                }
            });
        }

        private long lastReceived, caughtUp;
        /** Open interest and funding settlements from the ticker stream, when it can vouch for them at a close. */
        private final TickerPush pushed = new TickerPush();
        private final Map<String, java.math.BigDecimal> steps = new HashMap<>(); // quantity step per symbol
        private final io.tatra.live.StaleStreamWatch staleWatch = new io.tatra.live.StaleStreamWatch(2);
        private static final java.util.Set<String> ROUTINE = java.util.Set.of("sent", "dry-run", "not-sent");

        private void onBar(Symbol s, Kline k) {
            engine.onClosedBar(s, k, lastReceived);
            handled.increment();
            if (retrain != null) retrain.onBar(k.startTime());
        }

        private RetrainSchedule retrain;
        /** The PPO sizing policy managing the positions, or null (the holding rules do). */
        private PpoSizing.Open ppo;

        /**
         * Retrains every {@code everyBars} closed bars in the background ({@link RetrainSchedule}) and trades a
         * promoted version from each symbol's next bar on; {@code syncStore}: download the venue's new bars first.
         */
        public Session retrainEvery(int everyBars, RetrainService.Request template, boolean syncStore) {
            if (!loaded.unified())
                throw new TatraException(r.model() + " is a LightGBM model: scheduled retraining serves unified models only for now; trade it without --retrain-every");
            if (ppo != null) throw new TatraException("--ppo-policy was trained on " + r.model() + "'s forecasts: a retrained version would change them under it; trade it without --retrain-every");
            RetrainSchedule.Config c = new RetrainSchedule.Config(everyBars, template, syncStore);
            this.retrain = new RetrainSchedule(c, interval, r.symbols(), rest, this::promoted, (kind, detail) -> log(kind, null, 0, detail));
            return this;
        }

        private void promoted(String version, ModelStore.Loaded l) {
            journaled.replaceWith(JournaledStrategy.Replacement.of(version, l, r.decisions().fit(l, "version " + version, line -> log("policy", null, 0, line)), holding,
                    (sym, n) -> log("model-swapped", sym, 0, "trading version " + n + " from this bar on")));
        }

        /** Background retrains run so far, or -1 without a schedule; {@code await} waits up to that many ms for one running. */
        public int retrains(long await) {
            if (retrain == null) return -1;
            retrain.awaitIdle(await);
            return retrain.runs();
        }

        /** Bars closed while the stream was away come from REST; then the venue's state must be what the engine expects. */
        private void afterReconnect(int n) {
            synchronized (engine) {
                log("reconnected", null, 0, "connection " + n + ": fetching missed bars and reconciling");
                staleWatch.reset();
                catchUp();
                // a stop or take profit that filled while the stream was away is what the engine asked for
                List<Reconciliation.Difference> diff = stateCheck.afterReconnect();
                for (var d : diff) log(r.adoptVenueState() ? "adopted" : "mismatch", null, 0, d.toString());
                if (!diff.isEmpty() && !r.adoptVenueState()) {
                    halted = "reconciliation after reconnect " + n + " found " + diff.size() + " difference(s)";
                    engine.trip(KillSwitch.Policy.STOP_OPENING, halted);
                }
            }
        }

        /**
         * Fetches over REST every bar closed since the last one delivered (a bar the stream lost, or one that closed
         * while it reconnected). Call it a little after each bar's close; a bar already delivered is ignored.
         */
        public void poll() {
            if (outcomes != null) {
                try {
                    outcomes.collect();
                } catch (BybitException e) {
                    log("outcomes-not-read", null, 0, "executions not read this time: " + e.getMessage());
                }
            }
            long fromStream = handled.count() - backfilled(); // before this poll's catch-up
            int got = catchUp();
            if (stream == null) return;
            if (staleWatch.onPoll(fromStream, got)) {
                log("stale-stream", null, 0, "closed bars came over REST on two polls in a row with none from the stream between them; reconnecting the stream");
                stream.reconnectNow("closed bars stopped arriving");
            }
        }

        /** Delivers the bars closed since each symbol's last; returns how many. */
        private int catchUp() {
            int got = 0;
            synchronized (engine) {
                lastReceived = System.nanoTime();
                for (Map.Entry<Symbol, ClosedBarFeed> f : feeds.entrySet())
                    for (Kline k : closedBars(f.getKey(), f.getValue().lastDelivered() + interval.millis())) got += f.getValue().onClosed(k);
                caughtUp += got;
            }
            return got;
        }

        private void log(String kind, Symbol s, long bar, String detail) {
            Event e = new Event(Instant.now().toString(), kind, s == null ? null : s.value(), bar == 0 ? null : Instant.ofEpochMilli(bar).toString(), detail);
            events.append(e);
            if (!ROUTINE.contains(kind)) say.accept("tatra live: " + kind + (s == null ? "" : " " + s.value()) + " " + detail);
        }

        /** Applies a tripped kill switch at once (flatten now, or stop opening); null when it is not tripped. */
        public KillSwitch.Policy applyKillSwitch() {
            synchronized (engine) {
                return engine.applyKillSwitch(System.currentTimeMillis());
            }
        }

        /** The market time trading starts at: the close of the last warm-up bar (the earliest over the symbols). */
        private long tradingFrom() {
            return feeds.values().stream().mapToLong(ClosedBarFeed::lastDelivered).min().orElse(0) + interval.millis();
        }

        /** Leaves the outcomes journal to the caller (a paper run reads every fill from its own exchange). */
        public void journalOutcomesElsewhere() { outcomes = null; }

        /** Stream reconnections so far. */
        public int reconnections() { return stream == null ? 0 : stream.reconnections(); }

        /** Bars that came over REST (a hole the stream left, a reconnect) rather than from the stream. */
        public long backfilled() { return feeds.values().stream().mapToLong(ClosedBarFeed::backfilled).sum() + caughtUp; }

        /** Live bars handled so far (warm-up excluded). */
        public long handled() { return handled.count(); }

        /** Whether a bar from the stream is being handled now (the stream reads no further until it is). */
        public boolean handling() { return handled.inHand(); }

        /** Waits until {@code count} live bars were handled or {@code timeoutNanos} passed; whether they were ({@link HandledBars#await}). */
        public boolean awaitHandled(long count, long timeoutNanos) { return handled.await(count, timeoutNanos); }

        /** Live bars whose open interest came from the ticker stream, and bars that read it over REST (the stream not current). */
        public long[] openInterestCounts() { return pushed.openInterestCounts(); }

        /** Funding settlements taken from the ticker stream, and those read over REST. */
        public long[] fundingCounts() { return pushed.fundingCounts(); }

        /** Order books: journaled at live closes, closes (warm-up ones included) without a known book, books resynced after a gap. */
        public long[] bookCounts() { long[] c = exchange.books.counts(); return new long[]{c[0], c[1], c[2]}; }

        public LiveEngine engine() { return engine; }

        /** Each symbol's quantity step, as the venue gave it (positions within a step of each other agree). */
        public Map<String, java.math.BigDecimal> qtySteps() { return Map.copyOf(steps); }

        public Path dir() { return r.dir(); }

        /** Why the session halted itself (null while trading). */
        public String halted() { return halted; }

        /** The bar of each symbol delivered last. */
        public Map<Symbol, Long> lastBars() {
            Map<Symbol, Long> out = new LinkedHashMap<>();
            feeds.forEach((s, f) -> out.put(s, f.lastDelivered()));
            return out;
        }

        @Override
        public void close() {
            if (warmer != null) warmer.close();
            if (stream != null) stream.close();
            if (privateStream != null) privateStream.close();
            if (outcomes != null) {
                try { // the session's trades, from its real fills
                    outcomes.collect();
                    outcomes.write(r.dir(), interval, this::closedBars);
                } catch (RuntimeException e) {
                    log("outcomes-not-written", null, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
            synchronized (engine) {
                engine.close();
                journaled.close();
                exchange.close(say);
                events.close();
            }
            loaded.close();
            if (ppo != null) ppo.close();
            if (retrain != null) retrain.close(); // the worker, then the promoted versions' models
        }
    }
}
