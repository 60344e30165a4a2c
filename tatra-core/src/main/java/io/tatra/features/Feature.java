package io.tatra.features;

import static io.tatra.features.FeatureGroup.*;

/**
 * The catalogue of the 64 features computed for every bar: name, group, formula, unit and warm-up.
 *
 * <p>Notation: O,H,L,C,V are the bar's open, high, low, close and volume; {@code r = ln(C_t/C_{t-1})};
 * every window ends at (and includes) the current bar. A feature's value at a bar uses only that bar and
 * earlier ones. <b>Warm-up</b> is the number of earlier bars of the same gap-free run that a feature needs;
 * before that the value is NaN, and a gap in the series restarts every warm-up. Recursive averages (EMA,
 * Wilder) are seeded as ta4j 0.22 seeds them (with the input at bar n) and their warm-up is 3n so the seed
 * has faded. A value that is undefined after warm-up (a zero range, a zero volume sum, a constant series)
 * is NaN too; it is never replaced by a guess here. Normalization later maps NaN to the training median
 * (0 after scaling) and the dataset build counts such values per feature.
 *
 * <p>Features whose {@link #normalized()} is false (masks, calendar) are already bounded and are passed
 * through unscaled. Missing exchange data (funding, open interest, order book) reads as NaN with its mask
 * feature set to 0; when present, the mask is 1.
 *
 * <p>This enum is the single source of the catalogue: {@code tatra features --catalogue} and the README
 * table are generated from it, and {@link FeatureSchema#hash()} covers every name, formula and warm-up.
 */
public enum Feature {
    RET_1(RETURNS, "ln(C_t / C_{t-1})", "log return", 1),
    RET_2(RETURNS, "ln(C_t / C_{t-2})", "log return", 2),
    RET_4(RETURNS, "ln(C_t / C_{t-4})", "log return", 4),
    RET_8(RETURNS, "ln(C_t / C_{t-8})", "log return", 8),
    RET_16(RETURNS, "ln(C_t / C_{t-16})", "log return", 16),
    RET_32(RETURNS, "ln(C_t / C_{t-32})", "log return", 32),
    RET_64(RETURNS, "ln(C_t / C_{t-64})", "log return", 64),

    VOL_CC_20(VOLATILITY, "sample std of r over 20 bars", "log return per bar", 20),
    VOL_CC_64(VOLATILITY, "sample std of r over 64 bars", "log return per bar", 64),
    VOL_PARKINSON_20(VOLATILITY, "sqrt(mean(ln(H/L)^2) / (4 ln 2)) over 20 bars", "log return per bar", 19),
    VOL_PARKINSON_64(VOLATILITY, "sqrt(mean(ln(H/L)^2) / (4 ln 2)) over 64 bars", "log return per bar", 63),
    VOL_GARMAN_KLASS_20(VOLATILITY, "sqrt(mean(0.5 ln(H/L)^2 - (2 ln 2 - 1) ln(C/O)^2)) over 20 bars, 0 if negative", "log return per bar", 19),
    VOL_GARMAN_KLASS_64(VOLATILITY, "sqrt(mean(0.5 ln(H/L)^2 - (2 ln 2 - 1) ln(C/O)^2)) over 64 bars, 0 if negative", "log return per bar", 63),
    VOL_ROGERS_SATCHELL_20(VOLATILITY, "sqrt(mean(ln(H/C) ln(H/O) + ln(L/C) ln(L/O))) over 20 bars", "log return per bar", 19),
    VOL_ROGERS_SATCHELL_64(VOLATILITY, "sqrt(mean(ln(H/C) ln(H/O) + ln(L/C) ln(L/O))) over 64 bars", "log return per bar", 63),
    VOL_YANG_ZHANG_20(VOLATILITY, "sqrt(var(ln(O_t/C_{t-1})) + k var(ln(C/O)) + (1-k) RS^2), k = 0.34/(1.34 + 21/19), sample variances over 20 bars", "log return per bar", 20),
    VOL_YANG_ZHANG_64(VOLATILITY, "sqrt(var(ln(O_t/C_{t-1})) + k var(ln(C/O)) + (1-k) RS^2), k = 0.34/(1.34 + 65/63), sample variances over 64 bars", "log return per bar", 64),
    NATR_14(VOLATILITY, "ATR(14) / C; ATR = Wilder average (alpha 1/14) of the true range", "fraction of price", 42),

    ROC_10(MOMENTUM, "C_t / C_{t-10} - 1", "fraction", 10),
    RSI_14(MOMENTUM, "RSI(14) / 100 with Wilder averages of gains and losses", "0..1", 42),
    MACD_LINE(MOMENTUM, "(EMA(C,12) - EMA(C,26)) / C", "fraction of price", 78),
    MACD_SIGNAL(MOMENTUM, "EMA(MACD, 9) / C", "fraction of price", 78),
    MACD_HIST(MOMENTUM, "(MACD - EMA(MACD, 9)) / C", "fraction of price", 78),
    STOCH_K_14(MOMENTUM, "(C - min L_14) / (max H_14 - min L_14); NaN for a zero range", "0..1", 13),
    STOCH_D_3(MOMENTUM, "SMA(%K, 3)", "0..1", 15),

    BB_PERCENT_B_20(LEVELS, "(C - lower) / (upper - lower), bands SMA(C,20) +- 2 population std", "band widths", 19),
    BB_WIDTH_20(LEVELS, "(upper - lower) / SMA(C,20)", "fraction of price", 19),
    VWAP_DIST_24(LEVELS, "ln(C / VWAP_24), VWAP = sum(TP V)/sum(V), TP = (H+L+C)/3", "log ratio", 23),
    VWAP_DIST_96(LEVELS, "ln(C / VWAP_96)", "log ratio", 95),
    POC_DIST_96(LEVELS, "ln(C / POC); POC = centre of the fullest of 24 equal price bins between min L and max H of 96 bars, each bar's V put in its TP bin", "log ratio", 95),
    EMA_DIST_20(LEVELS, "ln(C / EMA(C,20))", "log ratio", 60),
    EMA_DIST_50(LEVELS, "ln(C / EMA(C,50))", "log ratio", 150),
    HIGH_DIST_64(LEVELS, "ln(C / max H over 64 bars)", "log ratio (<= 0)", 63),
    LOW_DIST_64(LEVELS, "ln(C / min L over 64 bars)", "log ratio (>= 0)", 63),

    VOLUME_Z_20(VOLUME, "z-score of ln(1+V) against its 20-bar mean and sample std", "std devs", 19),
    VOLUME_Z_96(VOLUME, "z-score of ln(1+V) against its 96-bar mean and sample std", "std devs", 95),
    VOLUME_RATIO_20(VOLUME, "V / SMA(V,20)", "ratio", 19),
    VOLUME_RATIO_96(VOLUME, "V / SMA(V,96)", "ratio", 95),
    VOLUME_RETURN_CORR_24(VOLUME, "Pearson corr(r, ln(1+V)) over 24 bars", "-1..1", 24),
    VOLUME_ABSRETURN_CORR_24(VOLUME, "Pearson corr(|r|, ln(1+V)) over 24 bars", "-1..1", 24),
    SIGNED_VOLUME_24(VOLUME, "sum(sign(r) V) / sum(V) over 24 bars", "-1..1", 24),

    BODY_RATIO(CANDLE, "(C - O) / (H - L); 0 when H = L", "-1..1", 0),
    UPPER_WICK_RATIO(CANDLE, "(H - max(O,C)) / (H - L); 0 when H = L", "0..1", 0),
    LOWER_WICK_RATIO(CANDLE, "(min(O,C) - L) / (H - L); 0 when H = L", "0..1", 0),
    RANGE_LOG(CANDLE, "ln(H / L)", "log ratio", 0),
    GAP_LOG(CANDLE, "ln(O_t / C_{t-1})", "log ratio", 1),

    HOUR_SIN(CALENDAR, "sin(2 pi hour / 24), UTC hour of the bar's open", "-1..1", 0, false),
    HOUR_COS(CALENDAR, "cos(2 pi hour / 24)", "-1..1", 0, false),
    DOW_SIN(CALENDAR, "sin(2 pi day / 7), Monday = 0", "-1..1", 0, false),
    DOW_COS(CALENDAR, "cos(2 pi day / 7)", "-1..1", 0, false),

    FUNDING_RATE(DERIVATIVES, "latest funding rate settled at or before the bar's close, in basis points; NaN if none within the max age", "bp per funding period", 0),
    FUNDING_MASK(DERIVATIVES, "1 if FUNDING_RATE is known, else 0", "0/1", 0, false),
    OI_CHANGE_1(DERIVATIVES, "ln(OI_t / OI_{t-1}), OI as of each bar's close; NaN if either is unknown", "log ratio", 0),
    OI_CHANGE_24(DERIVATIVES, "ln(OI_t / OI_{t-24}); NaN if either is unknown", "log ratio", 0),
    OI_MASK(DERIVATIVES, "1 if OI_t and OI_{t-1} are known, else 0", "0/1", 0, false),

    BOOK_IMBALANCE_20(ORDER_BOOK, "(bid qty - ask qty) / (bid qty + ask qty) over the top 20 levels of the latest book at or before the close; NaN without a book", "-1..1", 0),
    BOOK_MASK(ORDER_BOOK, "1 if BOOK_IMBALANCE_20 is known, else 0", "0/1", 0, false),

    VOL_RATIO_20_64(STATISTICS, "VOL_CC_20 / VOL_CC_64", "ratio", 64),
    RETURN_SKEW_64(STATISTICS, "population skewness of r over 64 bars", "unitless", 64),
    RETURN_KURTOSIS_64(STATISTICS, "population excess kurtosis of r over 64 bars", "unitless", 64),
    AUTOCORR_1_64(STATISTICS, "Pearson corr(r_t, r_{t-1}) over 64 pairs", "-1..1", 65),
    EFFICIENCY_32(STATISTICS, "|ln C_t - ln C_{t-32}| / sum of |r| over 32 bars (Kaufman)", "0..1", 32),
    TREND_TSTAT_32(STATISTICS, "t-statistic of the OLS slope of ln C on time over 32 bars", "t", 31),
    RETURN_Z(STATISTICS, "r / VOL_CC_64", "std devs", 64);

    private final FeatureGroup group;
    private final String formula;
    private final String unit;
    private final int warmup;
    private final boolean normalized;

    Feature(FeatureGroup group, String formula, String unit, int warmup) {
        this(group, formula, unit, warmup, true);
    }

    Feature(FeatureGroup group, String formula, String unit, int warmup, boolean normalized) {
        this.group = group;
        this.formula = formula;
        this.unit = unit;
        this.warmup = warmup;
        this.normalized = normalized;
    }

    /** Snake-case name used in files and on the command line, e.g. {@code vol_parkinson_20}. */
    public String id() { return name().toLowerCase(java.util.Locale.ROOT); }
    public FeatureGroup group() { return group; }
    public String formula() { return formula; }
    public String unit() { return unit; }
    /** Earlier bars of the same gap-free run this feature needs; NaN before. */
    public int warmup() { return warmup; }
    /** Whether the robust z-score applies; false for masks and calendar features, already bounded. */
    public boolean normalized() { return normalized; }

    public static final int COUNT = values().length;
    private static final Feature[] ALL = values();
    private static final int MAX_WARMUP = java.util.Arrays.stream(ALL).mapToInt(Feature::warmup).max().orElse(0);

    /** The largest warm-up of all features: the first bar of a run where every feature is defined. */
    public static int maxWarmup() { return MAX_WARMUP; }

    /** The feature at a column index, without the array copy {@code values()} makes. */
    public static Feature at(int column) { return ALL[column]; }

    public static Feature byId(String id) {
        for (Feature f : values()) if (f.id().equalsIgnoreCase(id)) return f;
        throw new IllegalArgumentException("unknown feature '" + id + "'");
    }
}
