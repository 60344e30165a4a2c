package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.bybit.client.BybitRestClient;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.model.io.ModelCard;
import io.tatra.model.io.ModelStore;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * {@code tatra live --retrain-every N}: every N closed bars, on one background thread, the store is brought up to the
 * last closed bar from the venue (candles, funding, open interest; skipped for the paper exchange, which replays the
 * store), {@link RetrainService} trains and judges a candidate on the data up to that bar — never later, so a replay
 * cannot retrain on its own future — and a promoted version is handed to the session, which trades it from each
 * symbol's next bar. A retrain still running when the next is due is not started twice; a failed one is logged
 * and the session trades on.
 */
final class RetrainSchedule implements AutoCloseable {
    /**
     * @param everyBars  closed bars (close times) between retrains
     * @param template   the retrain's settings; its {@code to} is set to the last closed bar each time
     * @param syncStore  download the venue's new bars into the store first (live), or not (a replay of the store)
     */
    record Config(int everyBars, RetrainService.Request template, boolean syncStore) {
        Config {
            if (everyBars < 1) throw new TatraException("--retrain-every must be >= 1 bar, got " + everyBars);
            if (template == null) throw new IllegalArgumentException("template is required");
        }
    }

    private final Config cfg;
    private final Interval interval;
    private final List<Symbol> symbols;
    private final BybitRestClient rest;
    private final BiConsumer<String, ModelStore.Loaded> promoted;
    private final BiConsumer<String, String> log;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tatra-retrain");
        t.setDaemon(true);
        return t;
    });
    private long lastClose = Long.MIN_VALUE, closes;
    private Future<?> running;
    private final List<ModelStore.Loaded> promotedModels = new java.util.concurrent.CopyOnWriteArrayList<>(); // traded until close
    private volatile int runs;

    /** {@code promoted} gets the new current version's id and model (loaded; closed by {@link #close}); {@code log} gets (kind, detail). */
    RetrainSchedule(Config cfg, Interval interval, List<Symbol> symbols, BybitRestClient rest, BiConsumer<String, ModelStore.Loaded> promoted, BiConsumer<String, String> log) {
        this.cfg = cfg;
        this.interval = interval;
        this.symbols = List.copyOf(symbols);
        this.rest = rest;
        this.promoted = promoted;
        this.log = log;
    }

    /** The engine thread calls this for every live bar; a new close time counts once, whatever the number of symbols. */
    void onBar(long openTime) {
        long close = openTime + interval.millis();
        if (close <= lastClose) return;
        lastClose = close;
        if (++closes % cfg.everyBars() != 0) return;
        if (running != null && !running.isDone()) {
            log.accept("retrain-skipped", "the previous retrain is still running at " + Instant.ofEpochMilli(close));
            return;
        }
        running = worker.submit(() -> retrain(openTime));
    }

    /** Retrains started and finished (for tests and the status). */
    int runs() { return runs; }

    /** Waits for a running retrain (tests, the end of a replay). */
    void awaitIdle(long timeoutMillis) {
        Future<?> f = running;
        if (f == null) return;
        try {
            f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.accept("retrain-failed", "waiting for the retrain: " + e);
        }
    }

    private void retrain(long lastOpen) {
        Instant to = Instant.ofEpochMilli(lastOpen);
        try {
            if (cfg.syncStore()) {
                ModelCard card = ModelStore.card(cfg.template().model());
                Instant from = card.dataFrom() != null ? Instant.parse(card.dataFrom()) : to.minusMillis(interval.millis() * 10_000);
                DownloadService.run(new DownloadService.Request(cfg.template().home(), symbols, interval, from, to.plusMillis(interval.millis()), true, true), rest, (l, d, t) -> {});
            }
            RetrainService.Outcome o = RetrainService.run(cfg.template().withTo(to), line -> {});
            log.accept("retrain", o.candidate() + " against " + o.current() + " on " + o.testFrom() + " .. " + o.testTo() + ": " + o.reason());
            if (o.promoted()) {
                ModelStore.Loaded l = ModelStore.load(cfg.template().model(), io.tatra.features.FeatureSchema.of(
                        io.tatra.features.FeatureConfig.forSchemaOrDefault(ModelStore.card(io.tatra.model.io.ModelRegistry.resolve(cfg.template().model())).featureSchema())).hash());
                if (!interval.code().equals(l.card().interval())) {
                    l.close();
                    throw new TatraException("the promoted version trades " + l.card().interval() + " bars, the session " + interval.code());
                }
                promotedModels.add(l);
                promoted.accept(o.candidate(), l);
            }
        } catch (TatraException e) {
            log.accept("retrain-failed", e.getMessage());
        } catch (RuntimeException e) {
            log.accept("retrain-failed", "internal error: " + e);
            e.printStackTrace();
        } finally {
            runs++;
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ModelStore.Loaded l : promotedModels) l.close();
    }
}
