package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.bybit.protocol.ApiKey;
import io.tatra.live.KillSwitch;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.risk.RiskLimits;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One session's settings. {@code interval} null: the model's; {@code warmFrom} null: enough bars before now;
 * {@code warmPasses}: bars of the warm-up history rehearsed through the whole path before the first live bar
 * ({@link SessionRehearsal}), so that the first live bars do not pay for the JIT; 0: none. {@code preCloseWarm}: a unified model's decision path is
 * kept warm for each next closed bar ({@link io.tatra.live.PreCloseWarmer}); off with {@code warmPasses} 0 too.
 * {@code home}: the Tatra home whose store has order books recorded for the warm-up bars (a venue has no book history); null: none.
 */
public record LiveRequest(Path dir, URI rest, URI stream, ApiKey key, Path model, List<Symbol> symbols, Interval interval, boolean dryRun,
                          RiskLimits risk, PolicySpec decisions, KillSwitch.Policy killPolicy, boolean adoptVenueState, Instant warmFrom, int warmPasses,
                          boolean preCloseWarm, Path home) {
    /** Bars rehearsed before the first live bar unless told otherwise: 3–7 s with the default unified model. */
    public static final int WARM_PASSES = 2_000;

    public LiveRequest(Path dir, URI rest, URI stream, ApiKey key, Path model, List<Symbol> symbols, Interval interval, boolean dryRun,
                       RiskLimits risk, PolicySpec decisions, KillSwitch.Policy killPolicy, boolean adoptVenueState, Instant warmFrom) {
        this(dir, rest, stream, key, model, symbols, interval, dryRun, risk, decisions, killPolicy, adoptVenueState, warmFrom, WARM_PASSES, true, null);
    }

    /** Without a Tatra home (no stored order books for the warm-up bars). */
    public LiveRequest(Path dir, URI rest, URI stream, ApiKey key, Path model, List<Symbol> symbols, Interval interval, boolean dryRun,
                       RiskLimits risk, PolicySpec decisions, KillSwitch.Policy killPolicy, boolean adoptVenueState, Instant warmFrom, int warmPasses,
                       boolean preCloseWarm) {
        this(dir, rest, stream, key, model, symbols, interval, dryRun, risk, decisions, killPolicy, adoptVenueState, warmFrom, warmPasses, preCloseWarm, null);
    }

    /** The same request with the Tatra home whose store holds order books recorded for the warm-up bars (null: none). */
    public LiveRequest withHome(Path h) {
        return new LiveRequest(dir, rest, stream, key, model, symbols, interval, dryRun, risk, decisions, killPolicy, adoptVenueState, warmFrom, warmPasses, preCloseWarm, h);
    }

    /** The same request with another decision policy. */
    public LiveRequest withDecisions(PolicySpec p) {
        return new LiveRequest(dir, rest, stream, key, model, symbols, interval, dryRun, risk, p, killPolicy, adoptVenueState, warmFrom, warmPasses, preCloseWarm, home);
    }

    /** The same request with another number of warm-up forecasts. */
    public LiveRequest withWarmPasses(int n) {
        return new LiveRequest(dir, rest, stream, key, model, symbols, interval, dryRun, risk, decisions, killPolicy, adoptVenueState, warmFrom, n, preCloseWarm, home);
    }

    public LiveRequest {
        if (symbols == null || symbols.isEmpty()) throw new TatraException("--symbols: give at least one symbol");
        if (symbols.stream().distinct().count() != symbols.size()) throw new TatraException("--symbols: a symbol appears twice");
        if (key == null) throw new TatraException("live trading needs an API key: set BYBIT_API_KEY and BYBIT_API_SECRET or give --key-file");
        if (warmPasses < 0 || warmPasses > 1_000_000) throw new TatraException("--warm-passes must be 0..1000000, got " + warmPasses);
        if (dir == null || model == null || rest == null || stream == null || risk == null || decisions == null || killPolicy == null)
            throw new IllegalArgumentException("dir, model, venue URLs, risk, decision policy and kill policy are required");
    }
}
