package io.tatra.synth;

import io.tatra.market.BarSeries;
import io.tatra.market.FundingRate;
import io.tatra.market.OpenInterest;
import io.tatra.market.Regime;
import io.tatra.market.Symbol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates a {@link SyntheticMarket}:
 * <ul>
 *   <li>a market-wide regime (bull / bear / sideways) follows a Markov chain with mean duration
 *       {@code regimeDays}; each regime has its own drift (+80 %, -70 %, 0 % a year) and volatility
 *       multiplier (0.9, 1.4, 0.7);</li>
 *   <li>each symbol's shocks are Student-t, correlated through a common factor, scaled by a GARCH(1,1)
 *       variance (volatility clustering), plus Poisson jumps;</li>
 *   <li>high and low extend the body by half-normal excursions of the bar's volatility; volume rises with
 *       volatility and with the size of the move;</li>
 *   <li>funding (every 8 h) follows the trailing day's return; open interest grows in trends.</li>
 * </ul>
 * Only StrictMath and {@link SeededRandom} are used, so a seed gives the same market bit for bit.
 */
public final class MarketGenerator {
    private static final double[] DRIFT = {0.8, -0.7, 0.0};
    private static final double[] VOL_MULT = {0.9, 1.4, 0.7};
    private static final long EIGHT_HOURS = 8 * 3600_000L;

    private MarketGenerator() {}

    public static SyntheticMarket generate(SyntheticConfig c) {
        SeededRandom rng = new SeededRandom(c.seed());
        int n = c.bars(), m = c.symbols().size();
        double perYear = c.interval().barsPerYear();
        double barsPerDay = 86_400_000.0 / c.interval().millis();
        double stay = 1 - 1 / Math.max(1.0, c.regimeDays() * barsPerDay);
        List<Regime> regimes = new ArrayList<>(n);
        int reg = (int) (rng.uniform() * 3);
        for (int t = 0; t < n; t++) {
            if (t > 0 && rng.uniform() > stay) reg = (reg + 1 + (int) (rng.uniform() * 2)) % 3;
            regimes.add(Regime.values()[reg]);
        }
        // per-symbol character, drawn first so adding bars does not change it
        double[] price = new double[m], volMult = new double[m], baseVolume = new double[m], oi = new double[m];
        for (int s = 0; s < m; s++) {
            price[s] = s == 0 ? 30_000 : tick(StrictMath.exp(StrictMath.log(0.05) + rng.uniform() * StrictMath.log(50_000 / 0.05)), 1e8);
            volMult[s] = s == 0 ? 1.0 : 0.8 + 0.8 * rng.uniform();
            baseVolume[s] = 2e7 / price[s] * (0.5 + rng.uniform()) / barsPerDay;
            oi[s] = baseVolume[s] * barsPerDay * (2 + 3 * rng.uniform());
        }
        double[] h = new double[m], lastShock = new double[m];
        java.util.Arrays.fill(h, 1.0);
        double omega = 1 - c.garchAlpha() - c.garchBeta();
        double jumpProb = c.jumpsPerYear() / perYear, rho = c.correlation();
        long start = c.start().toEpochMilli(), step = c.interval().millis();
        List<BarSeries.Builder> builders = new ArrayList<>();
        Map<Symbol, List<FundingRate>> funding = new LinkedHashMap<>();
        Map<Symbol, List<OpenInterest>> ois = new LinkedHashMap<>();
        double[][] closes = new double[m][n];
        for (Symbol sym : c.symbols()) {
            builders.add(BarSeries.builder(sym, c.interval(), n));
            funding.put(sym, new ArrayList<>());
            ois.put(sym, new ArrayList<>());
        }
        for (int t = 0; t < n; t++) {
            int r = regimes.get(t).ordinal();
            long time = start + t * step;
            double common = rng.studentT(c.tailDof());
            for (int s = 0; s < m; s++) {
                h[s] = omega + c.garchAlpha() * lastShock[s] * lastShock[s] + c.garchBeta() * h[s];
                double z = StrictMath.sqrt(rho) * common + StrictMath.sqrt(1 - rho) * rng.studentT(c.tailDof());
                double sigma = c.annualVol() * VOL_MULT[r] * volMult[s] / StrictMath.sqrt(perYear) * StrictMath.sqrt(h[s]);
                double ret = c.driftScale() * DRIFT[r] / perYear - 0.5 * sigma * sigma + sigma * z;
                if (rng.uniform() < jumpProb) ret += c.jumpSize() * (rng.gaussian() + (r == 0 ? 0.3 : r == 1 ? -0.3 : 0));
                lastShock[s] = z;
                double open = price[s];
                // prices on a tick of 6 significant digits, as on an exchange (and short in a CSV)
                double scale = StrictMath.pow(10, 5 - Math.floor(StrictMath.log10(open)));
                double close = tick(open * StrictMath.exp(ret), scale);
                // the open keeps the previous bar's finer tick when the price crosses a power of ten: never round the range inside it
                double high = Math.max(Math.max(open, close), tick(Math.max(open, close) * StrictMath.exp(0.6 * sigma * Math.abs(rng.gaussian())), scale));
                double low = Math.min(Math.min(open, close), tick(Math.min(open, close) * StrictMath.exp(-0.6 * sigma * Math.abs(rng.gaussian())), scale));
                double sigmaBase = c.annualVol() * volMult[s] / StrictMath.sqrt(perYear);
                double volume = baseVolume[s] * StrictMath.pow(sigma / sigmaBase, 1.2)
                        * StrictMath.exp(0.3 * Math.min(Math.abs(ret) / sigma, 8) + 0.3 * rng.gaussian());
                volume = Math.max(0.001, Math.rint(volume * 1000) / 1000);
                double typical = (open + high + low + close) / 4;
                long trades = Math.max(1, Math.round(volume * typical / 2_000.0));
                builders.get(s).add(time, open, high, low, close, volume, Math.rint(volume * typical * 100) / 100, trades);
                closes[s][t] = close;
                price[s] = close;
                Symbol sym = c.symbols().get(s);
                if (c.withOpenInterest()) {
                    oi[s] *= StrictMath.exp(0.5 * Math.abs(ret) * Math.signum(DRIFT[r] == 0 ? rng.gaussian() : DRIFT[r] * ret) + 0.002 * rng.gaussian());
                    ois.get(sym).add(new OpenInterest(sym, Instant.ofEpochMilli(time + step), oi[s]));
                }
                if (c.withFunding()) addFunding(funding.get(sym), sym, closes[s], t, time, step, barsPerDay, rng);
            }
        }
        Map<Symbol, BarSeries> series = new LinkedHashMap<>();
        for (int s = 0; s < m; s++) series.put(c.symbols().get(s), builders.get(s).build());
        return new SyntheticMarket(c, series, regimes, funding, ois);
    }

    /** Rounds to the tick 1/scale; dividing by an exact power of ten gives the double nearest the decimal. */
    private static double tick(double x, double scale) {
        return Math.rint(x * scale) / scale;
    }

    /** Funding settles at 00, 08 and 16 UTC that fall within this bar: 0.01 % plus a share of the last day's return. */
    private static void addFunding(List<FundingRate> out, Symbol sym, double[] closes, int t, long time, long step,
                                   double barsPerDay, SeededRandom rng) {
        long first = Math.floorDiv(time + EIGHT_HOURS - 1, EIGHT_HOURS) * EIGHT_HOURS;
        for (long f = first; f < time + step; f += EIGHT_HOURS) {
            int back = (int) Math.max(1, Math.round(barsPerDay));
            // only bars closed before the settlement: bar t-1 and the day before it
            double dayReturn = t > back ? StrictMath.log(closes[t - 1] / closes[t - 1 - back]) : 0;
            double rate = 0.0001 + 0.01 * dayReturn + 0.00005 * rng.gaussian();
            out.add(new FundingRate(sym, Instant.ofEpochMilli(f), Math.max(-0.003, Math.min(0.003, rate))));
        }
    }
}
