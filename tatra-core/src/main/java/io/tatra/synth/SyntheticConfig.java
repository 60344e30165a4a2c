package io.tatra.synth;

import io.tatra.market.Interval;
import io.tatra.market.Symbol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Parameters of the synthetic market. Volatilities and drifts are annualised; durations are in days so
 * the same config gives comparable markets at any interval.
 *
 * @param symbols          names of the symbols (at least one)
 * @param bars             bars per symbol (>= 2)
 * @param interval         bar interval
 * @param seed             the same seed gives the same market, bit for bit
 * @param start            open time of the first bar (aligned to the interval)
 * @param regimeDays       mean duration of a regime in days (persistence)
 * @param annualVol        base annualised volatility of the first symbol
 * @param correlation      weight of the common market factor in each symbol's shocks, [0, 1)
 * @param tailDof          Student-t degrees of freedom of the shocks (integer, 3..30; lower = fatter tails)
 * @param garchAlpha       GARCH(1,1) reaction to the last shock
 * @param garchBeta        GARCH(1,1) persistence; alpha + beta < 1
 * @param jumpsPerYear     expected jumps per symbol per year
 * @param jumpSize         standard deviation of a jump's log size
 * @param withFunding      also generate 8-hourly funding rates
 * @param withOpenInterest also generate open interest per bar
 * @param driftScale       multiplies every regime's drift (1 = +80 % / −70 % / 0 % a year); a large value makes the
 *                         regimes identifiable, a positive control for regime detection
 */
public record SyntheticConfig(List<Symbol> symbols, int bars, Interval interval, long seed, Instant start,
                              double regimeDays, double annualVol, double correlation, int tailDof,
                              double garchAlpha, double garchBeta, double jumpsPerYear, double jumpSize,
                              boolean withFunding, boolean withOpenInterest, double driftScale) {
    /** Most bars per symbol (the market is held in memory: 20M bars × symbols × 8 doubles). */
    public static final int MAX_BARS = 20_000_000;
    /** Bars end before this: the importers accept times in 2000..2100 only. */
    public static final Instant LAST_TIME = Instant.parse("2100-01-01T00:00:00Z");

    public SyntheticConfig {
        if (symbols == null || symbols.isEmpty()) throw new IllegalArgumentException("synthetic market needs at least one symbol");
        symbols = List.copyOf(symbols);
        if (symbols.stream().distinct().count() != symbols.size()) throw new IllegalArgumentException("synthetic symbols must be distinct: " + symbols);
        if (bars < 2 || bars > MAX_BARS) throw new IllegalArgumentException("synthetic market needs 2.." + MAX_BARS + " bars, got " + bars);
        if (interval == null) throw new IllegalArgumentException("interval is required");
        if (start == null || !interval.isAligned(start.toEpochMilli())) throw new IllegalArgumentException("start " + start + " must be aligned to " + interval);
        if (start.toEpochMilli() + (bars - 1L) * interval.millis() >= LAST_TIME.toEpochMilli())
            throw new IllegalArgumentException(bars + " " + interval.code() + " bars from " + start + " run past " + LAST_TIME
                    + ", which no importer accepts; use fewer bars or a longer interval");
        if (!(regimeDays > 0)) throw new IllegalArgumentException("regimeDays must be > 0, got " + regimeDays);
        if (!(annualVol > 0 && annualVol < 10)) throw new IllegalArgumentException("annualVol must be in (0, 10), got " + annualVol);
        if (!(correlation >= 0 && correlation < 1)) throw new IllegalArgumentException("correlation must be in [0, 1), got " + correlation);
        if (tailDof < 3 || tailDof > 30) throw new IllegalArgumentException("tailDof must be 3..30, got " + tailDof);
        if (!(garchAlpha >= 0 && garchBeta >= 0 && garchAlpha + garchBeta < 1)) throw new IllegalArgumentException("GARCH needs alpha, beta >= 0 and alpha + beta < 1, got " + garchAlpha + ", " + garchBeta);
        if (!(jumpsPerYear >= 0) || !(jumpSize >= 0)) throw new IllegalArgumentException("jumpsPerYear and jumpSize must be >= 0");
        if (!(driftScale >= 0 && driftScale <= 100)) throw new IllegalArgumentException("driftScale must be in [0, 100], got " + driftScale);
    }

    /** The same market with regime drifts scaled by {@code scale}. */
    public SyntheticConfig withDriftScale(double scale) {
        return new SyntheticConfig(symbols, bars, interval, seed, start, regimeDays, annualVol, correlation, tailDof, garchAlpha, garchBeta,
                jumpsPerYear, jumpSize, withFunding, withOpenInterest, scale);
    }

    /** Defaults: crypto-like (80 % annual vol, 30-day regimes, t(4) shocks, GARCH 0.08/0.90, 6 jumps a year). */
    public static SyntheticConfig defaults(int symbolCount, int bars, Interval interval, long seed) {
        if (symbolCount < 1 || symbolCount > 1000) throw new IllegalArgumentException("symbol count must be 1..1000, got " + symbolCount);
        List<Symbol> names = new ArrayList<>();
        for (int i = 1; i <= symbolCount; i++) names.add(Symbol.of(String.format("SYN%02dUSDT", i)));
        return new SyntheticConfig(names, bars, interval, seed, Instant.parse("2022-01-01T00:00:00Z"), 30, 0.8, 0.5, 4,
                0.08, 0.90, 6, 0.04, true, true, 1);
    }
}
