package io.tatra.app;

import io.tatra.bybit.protocol.Instrument;
import io.tatra.bybit.protocol.Kline;
import io.tatra.decision.FusionPolicy;
import io.tatra.live.LiveEngine;
import io.tatra.live.Rehearsal;
import io.tatra.market.Symbol;
import io.tatra.trading.ModelStrategy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A live session's {@link Rehearsal} before its first live bar: {@code --warm-passes} bars of the warm-up history
 * through a strategy of its own — the session's model, forecaster and fitted policy, fresh holding rules, its own
 * decision and snapshot journals — and a throw-away engine, in {@code .rehearsal} inside the session's folder (deleted
 * afterwards; one left by a crash is cleared first). The real strategy, engine, journals and venue see none of it.
 */
final class SessionRehearsal {
    private SessionRehearsal() {}

    static final String FOLDER = ".rehearsal";

    static void run(LiveRequest r, TradingModel loaded, FusionPolicy policy, Map<Symbol, List<Kline>> history, Map<Symbol, Instrument> instruments,
                    LiveEngine.Config cfg, Consumer<String> say) {
        if (r.warmPasses() == 0) return;
        Path scratch = r.dir().resolve(FOLDER);
        Rehearsal.clearLeftover(scratch);
        var card = loaded.card();
        Rehearsal.Result res = Rehearsal.run(dir -> {
            ModelStrategy m = new ModelStrategy(loaded.forecaster(), loaded.normalization(), loaded.features(), card.window(), card.labels().horizon(), policy,
                    Map.of(), null).withHoldingRules(r.decisions().holdingRules());
            JournaledStrategy j = new JournaledStrategy(m);
            j.startJournals(dir);
            return j;
        }, history, instruments, cfg, r.warmPasses(), scratch);
        if (res.bars() > 0)
            say.accept(String.format(java.util.Locale.ROOT, "tatra live: decision path rehearsed: %,d bars of the warm-up history, %,d orders to an in-memory venue, in %.1f s (--warm-passes)",
                    res.bars(), res.orders(), res.seconds()));
        if (res.errors() > 0)
            say.accept("tatra live: warning: " + res.errors() + " of the rehearsal's bars failed, as a live bar would (first: " + res.firstError() + ")");
    }
}
