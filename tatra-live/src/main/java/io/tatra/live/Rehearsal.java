package io.tatra.live;

import io.tatra.bybit.protocol.Instrument;
import io.tatra.bybit.protocol.Kline;
import io.tatra.bybit.protocol.OrderRequest;
import io.tatra.market.BarSeries;
import io.tatra.market.Symbol;
import io.tatra.trading.PortfolioView;
import io.tatra.trading.Strategy;
import io.tatra.trading.TargetOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A dress rehearsal of the whole path from a closed bar to an order before the first live bar: a throw-away
 * {@link LiveEngine} runs a throw-away strategy over recorded bars (the warm-up history, replayed in a loop with its
 * times moved on) against an in-memory venue, with its order log, decision journal and status file in a scratch folder
 * deleted afterwards. The strategy's own decisions run on every bar; the orders sent are a fixed cycle (long with a
 * stop and a take profit, a stop move, short, flat) so that the planner, the risk check, the order log and the account
 * view run whatever the model decides.
 *
 * <p>Why: a live bar arrives once an hour per symbol, so the code it runs — the strategy's features and journals, the
 * engine, the planner — would stay in the JVM's interpreter or first compiler tier for weeks; a replay in lock-step
 * compiles it only after thousands of bars, and the first of them pay for it (and for the compiler threads that share
 * the cores). After a rehearsal the first live bar runs compiled code. Nothing of the rehearsal reaches the real venue,
 * the real journals or the real strategy: it takes its own strategy object (sharing only pure parts, such as the
 * forecaster, with the real one).
 */
public final class Rehearsal {
    private Rehearsal() {}

    /**
     * What a rehearsal did: bars decided, orders the in-memory venue took, how long it took, and the bars that failed
     * with the first failure's words (null: none) — a failure here would fail a live bar the same way.
     */
    public record Result(long bars, long orders, double seconds, long errors, String firstError) {}

    /**
     * Runs {@code bars} closed bars in all, round robin over the symbols of {@code history} (each symbol's bars in
     * order, replayed from its first bar again, moved on in time, when they run out), through {@code strategy} in an
     * engine configured as {@code cfg} (its status file in {@code scratch}). {@code strategy} makes the throw-away
     * strategy, given the scratch folder for any journals of its own (closed afterwards when it is
     * {@link AutoCloseable}). {@code scratch} must not exist; it is deleted afterwards, whatever happens.
     */
    public static Result run(java.util.function.Function<Path, Strategy> strategy, Map<Symbol, List<Kline>> history, Map<Symbol, Instrument> instruments, LiveEngine.Config cfg, int bars, Path scratch) {
        if (bars < 0) throw new IllegalArgumentException("bars must be >= 0, got " + bars);
        List<Symbol> symbols = history.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).sorted(Comparator.comparing(Symbol::value)).toList();
        if (bars == 0 || symbols.isEmpty()) return new Result(0, 0, 0, 0, null);
        if (Files.exists(scratch)) throw new IllegalArgumentException(scratch + " exists: a rehearsal needs a folder of its own");
        long t0 = System.nanoTime();
        Memory venue = new Memory();
        Strategy made = null;
        String[] firstError = new String[1];
        long errors = 0;
        try {
            Files.createDirectories(scratch);
            made = strategy.apply(scratch);
            Cycle cycle = new Cycle(made);
            var config = new LiveEngine.Config(cfg.interval(), cfg.historyBars(), false, cfg.risk(), scratch.resolve("status.json"));
            try (LiveEngine engine = new LiveEngine(config, cycle, venue, instruments, new KillSwitch(scratch.resolve("STOP"), KillSwitch.Policy.STOP_OPENING),
                    new LatencyRecorder(), (kind, s, t, d) -> {
                        if (kind.equals("error") && firstError[0] == null) firstError[0] = (s == null ? "" : s.value() + ": ") + d;
                    }, System::nanoTime)) {
                engine.recover(scratch.resolve("orders.jsonl"));
                engine.journalDecisions(scratch.resolve("targets.jsonl"));
                long step = cfg.interval().millis();
                for (long i = 0; i < bars; i++) {
                    Symbol s = symbols.get((int) (i % symbols.size()));
                    List<Kline> h = history.get(s);
                    long k = i / symbols.size();
                    Kline bar = h.get((int) (k % h.size()));
                    long lap = k / h.size();
                    long shift = lap * (h.get(h.size() - 1).startTime() - h.get(0).startTime() + step); // gap-free: each lap starts one step after the last
                    Kline moved = new Kline(bar.startTime() + shift, bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(), bar.turnover());
                    venue.price(s.value(), bar.close());
                    engine.onClosedBar(s, moved, System.nanoTime());
                }
                errors = engine.counts().errors();
            }
            return new Result(bars, venue.orders, (System.nanoTime() - t0) / 1e9, errors, firstError[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("rehearsal folder " + scratch + ": " + e.getMessage(), e);
        } finally {
            try {
                if (made instanceof AutoCloseable c) c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the rehearsal's strategy: " + e.getMessage(), e);
            } finally {
                delete(scratch);
            }
        }
    }

    /** The strategy's own decision on every bar, then the rehearsal's fixed order cycle in place of its targets. */
    static final class Cycle implements Strategy {
        private final Strategy inner;
        private final Map<Symbol, Integer> n = new HashMap<>();

        Cycle(Strategy inner) { this.inner = inner; }

        @Override
        public List<TargetOrder> onBar(BarSeries history, int index, PortfolioView portfolio) {
            inner.onBar(history, index, portfolio);
            Symbol s = history.symbol();
            int k = n.merge(s, 1, Integer::sum);
            String id = "rehearsal-" + s.value() + "-" + k;
            double close = history.close(index);
            return switch (k % 6) {
                case 0 -> List.of(new TargetOrder(s, 0.2, 0.02, 0.04, id));
                case 1 -> List.of(TargetOrder.trail(s, close * 0.99, id));
                case 3 -> List.of(new TargetOrder(s, -0.2, 0.02, 0.04, id));
                case 5 -> List.of(TargetOrder.flat(s, id));
                default -> List.of();
            };
        }
    }

    /** A venue in memory: market orders fill at the last close, stops and take profits are kept but never trigger. */
    static final class Memory implements LiveEngine.Venue {
        private final Map<String, BigDecimal> positions = new HashMap<>(), prices = new HashMap<>();
        private final Map<String, LiveEngine.Holding> holdings = new HashMap<>();
        long orders;

        void price(String symbol, BigDecimal close) { prices.put(symbol, close); }

        @Override
        public String place(OrderRequest o) {
            orders++;
            BigDecimal now = positions.getOrDefault(o.symbol(), BigDecimal.ZERO).add(o.side() == OrderRequest.Side.Buy ? o.qty() : o.qty().negate());
            positions.put(o.symbol(), now);
            double px = prices.getOrDefault(o.symbol(), BigDecimal.ONE).doubleValue();
            if (now.signum() == 0) holdings.remove(o.symbol());
            else holdings.put(o.symbol(), new LiveEngine.Holding(px, o.stopLoss() == null ? Double.NaN : o.stopLoss().doubleValue(),
                    o.takeProfit() == null ? Double.NaN : o.takeProfit().doubleValue()));
            return "rehearsal-" + orders;
        }

        @Override
        public Reconciliation.State state() { return new Reconciliation.State(positions, Set.of()); }

        @Override
        public double equity() { return 10_000; }

        @Override
        public boolean hasOrder(String symbol, String orderLinkId) { return false; }

        @Override
        public LiveEngine.Holding holding(String symbol) { return holdings.get(symbol); }

        @Override
        public void moveStop(String symbol, BigDecimal stopLoss) {
            LiveEngine.Holding h = holdings.get(symbol);
            if (h != null) holdings.put(symbol, new LiveEngine.Holding(h.averageEntry(), stopLoss.doubleValue(), h.takeProfit()));
        }
    }

    /** Deletes what a rehearsal left in {@code dir} when the process died during it (nothing when there is no such folder). */
    public static void clearLeftover(Path dir) { delete(dir); }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the rehearsal folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
