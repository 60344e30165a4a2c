package io.tatra.ingest;

import io.tatra.TatraException;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a candle file in any supported {@link SourceFormat} (plain or gzip, detected by content),
 * validates it, applies the policy and returns a {@link BarSeries} with its {@link DataReport}.
 *
 * <p>Under {@link ImportPolicy#REPAIR} a file is still refused when more than {@value #MAX_DROPPED_SHARE}
 * of its rows are unusable, or when more than {@value #MAX_ALTERED_SHARE} of its rows would have their prices
 * altered (a high or low widened, a wick clipped): so many bad rows mean the file is misread (columns in the wrong
 * order, volume read as a price) or not candle data, and a repair must never change what a column means.
 */
public final class BarImporter {
    public static final double MAX_DROPPED_SHARE = 0.01;
    /** Largest share of rows whose prices a repair may alter (widen a range, clip a wick). */
    public static final double MAX_ALTERED_SHARE = 0.01;
    private static final Set<FindingKind> ROW_ERRORS = Set.of(FindingKind.UNPARSEABLE, FindingKind.NON_FINITE,
            FindingKind.COLUMN_COUNT, FindingKind.UNDECIDABLE_TIME_UNIT, FindingKind.MIXED_SYMBOLS);
    private static final Set<String> NOT_SYMBOLS = Set.of("BINANCE", "BYBIT", "OKX", "COINBASE", "KRAKEN", "BITSTAMP",
            "KLINE", "KLINES", "CANDLES", "SPOT", "FUTURES", "PERP", "USDM", "CSV", "DATA");

    private BarImporter() {}

    /** Validates without deciding to refuse: the report of {@code tatra data check}. Never throws for bad content. */
    public static DataReport check(Path file, ImportOptions options) {
        try {
            return read(file, options.withPolicy(ImportPolicy.STRICT)).report();
        } catch (ImportRefusedException e) {
            return e.report();
        }
    }

    /** Bars that passed {@link #validatePage}, and the warnings about them (gaps, sorted rows). */
    public record PageCheck(BarSeries bars, List<Finding> warnings) {}

    /**
     * Validates bars that came from an API rather than a file (a downloaded page) with the importer's own checks under
     * the strict policy: rows are numbered from 1 in the order given, and a refusal names {@code source} (the URL) and
     * the row. Warnings (a gap, rows out of order) come back with the bars.
     */
    public static PageCheck validatePage(String source, Symbol symbol, Interval interval, long[] time, double[] open, double[] high, double[] low,
                                         double[] close, double[] volume, double[] quoteVolume) {
        Findings findings = new Findings();
        RawBars raw = new RawBars();
        for (int i = 0; i < time.length; i++) {
            if (!Double.isFinite(open[i]) || !Double.isFinite(high[i]) || !Double.isFinite(low[i]) || !Double.isFinite(close[i]) || !Double.isFinite(volume[i]))
                findings.add(FindingKind.NON_FINITE, i + 1, "a value is not finite");
            raw.add(i + 1, time[i], open[i], high[i], low[i], close[i], volume[i], quoteVolume[i], -1, 8, TimeParser.Unit.MILLIS.ordinal());
        }
        int[] kept = findings.hasErrors() ? new int[0] : new Validator(findings, new ArrayList<>(), ImportPolicy.STRICT).run(raw, interval);
        if (findings.hasErrors()) {
            Finding f = findings.list().stream().filter(x -> x.kind().severity() == Severity.ERROR).findFirst().orElseThrow();
            throw new TatraException(source + ": row " + f.line() + ": " + f.kind() + ": " + f.message() + " (" + findings.count(Severity.ERROR)
                    + " bad rows in this page; nothing of it was stored)");
        }
        BarSeries.Builder b = BarSeries.builder(symbol, interval, kept.length);
        for (int i : kept) b.add(raw.time[i], raw.open[i], raw.high[i], raw.low[i], raw.close[i], raw.volume[i], raw.quoteVolume[i], raw.trades[i]);
        return new PageCheck(b.build(), findings.list());
    }

    public static ImportResult read(Path file, ImportOptions options) {
        Findings findings = new Findings();
        ReadResult rr;
        try (SourceFile src = SourceFile.open(file)) {
            rr = readFormat(src, findings);
        } catch (CsvBarReader.UnknownFormat e) {
            findings.add(FindingKind.UNKNOWN_FORMAT, e.line, e.getMessage());
            throw refuse(file, options, null, null, null, 0, findings, new ArrayList<>());
        } catch (TatraException e) {
            findings.add(FindingKind.UNREADABLE, 0, e.getMessage());
            throw refuse(file, options, null, null, null, 0, findings, new ArrayList<>());
        }
        return validate(file, options, rr, findings);
    }

    /**
     * Imports candles that a columnar reader (a Feather file) produced: the same checks, policies, report and refusals
     * as a text file. Rows are numbered from 1 in file order; NaN quote volume means absent.
     */
    public static ImportResult fromColumns(Path file, SourceFormat format, String symbolHint, Interval intervalHint, long[] time, double[] open, double[] high,
                                           double[] low, double[] close, double[] volume, ImportOptions options) {
        Findings findings = new Findings();
        RawBars raw = new RawBars();
        for (int i = 0; i < time.length; i++) {
            double[] v = {open[i], high[i], low[i], close[i], volume[i]};
            boolean finite = true;
            for (double x : v) finite &= Double.isFinite(x);
            if (!finite) {
                findings.add(FindingKind.NON_FINITE, i + 1, "row " + (i + 1) + ": a price or volume is NaN or infinite");
                continue;
            }
            raw.add(i + 1, time[i], open[i], high[i], low[i], close[i], volume[i], Double.NaN, -1, 8, TimeParser.Unit.MILLIS.ordinal());
        }
        return validate(file, options, new ReadResult(raw, format, symbolHint, intervalHint, time.length), findings);
    }

    private static ImportResult validate(Path file, ImportOptions options, ReadResult rr, Findings findings) {
        List<Repair> repairs = new ArrayList<>();
        if (rr.dataRows() == 0 && !findings.hasErrors()) findings.add(FindingKind.EMPTY, 0, "no data rows");
        Symbol symbol = resolveSymbol(file, options, rr, findings);
        Interval interval = resolveInterval(file, options, rr, findings);
        if (options.policy() == ImportPolicy.REPAIR) {
            for (Finding f : findings.list()) {
                if (ROW_ERRORS.contains(f.kind()) && f.line() > 0) repairs.add(new Repair(Repair.Action.DROPPED_ROW, f.line(), f.message()));
                if (f.kind() == FindingKind.BAD_OPTIONAL_FIELD) repairs.add(new Repair(Repair.Action.CLEARED_OPTIONAL_FIELD, f.line(), f.message() + "; stored as missing, the bar is kept"));
                if (f.kind() == FindingKind.TIME_MISMATCH) repairs.add(new Repair(Repair.Action.KEPT_EPOCH_TIME, f.line(), f.message() + "; the epoch column is kept"));
            }
        }
        int[] kept = new int[0];
        if (interval != null && rr.bars().n > 0) kept = new Validator(findings, repairs, options.policy()).run(rr.bars(), interval);
        RawBars raw = rr.bars();
        Instant first = kept.length > 0 ? Instant.ofEpochMilli(raw.time[kept[0]]) : null;
        Instant last = kept.length > 0 ? Instant.ofEpochMilli(raw.time[kept[kept.length - 1]]) : null;
        DataReport report = new DataReport(file, rr.format(), symbol, interval, options.policy(), rr.dataRows(), kept.length,
                first, last, findings.list(), findings.counts(), repairs);
        boolean fatal = symbol == null || interval == null || kept.length == 0 || hasFileLevelError(findings);
        if (options.policy() == ImportPolicy.STRICT && findings.hasErrors()) {
            throw new ImportRefusedException(refusal(file, report, "refused under the strict policy"), report);
        }
        long unusable = repairs.stream().filter(r -> r.action() == Repair.Action.DROPPED_ROW).count();
        Map<Repair.Action, Long> altered = new java.util.EnumMap<>(Repair.Action.class);
        for (Repair r : repairs)
            if (r.action() == Repair.Action.WIDENED_RANGE || r.action() == Repair.Action.CLIPPED_WICK) altered.merge(r.action(), 1L, Long::sum);
        long alteredRows = altered.values().stream().mapToLong(Long::longValue).sum();
        if (!fatal && alteredRows > Math.max(1, MAX_ALTERED_SHARE * rr.dataRows())) {
            Repair.Action most = altered.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            String why = alteredRows + " of " + rr.dataRows() + " rows would need their prices altered (" + altered + "; more than "
                    + (int) (MAX_ALTERED_SHARE * 100) + " %). A repair never changes what a column means: the columns are probably misread "
                    + "(check the header's order: is a volume read as a price?), so even the repair policy refuses it; "
                    + "most common: " + most + " at line " + repairs.stream().filter(r -> r.action() == most).findFirst().orElseThrow().line();
            throw new ImportRefusedException(refusal(file, report, why), report);
        }
        if (fatal || unusable > Math.max(1, MAX_DROPPED_SHARE * rr.dataRows())) {
            String why = fatal ? "nothing importable" : unusable + " of " + rr.dataRows() + " rows are unusable (more than "
                    + (int) (MAX_DROPPED_SHARE * 100) + " %); the file is probably misread or not candle data, so even the repair policy refuses it";
            throw new ImportRefusedException(refusal(file, report, why), report);
        }
        BarSeries.Builder b = BarSeries.builder(symbol, interval, kept.length);
        for (int i : kept) b.add(raw.time[i], raw.open[i], raw.high[i], raw.low[i], raw.close[i], raw.volume[i], raw.quoteVolume[i], raw.trades[i]);
        return new ImportResult(b.build(), report);
    }

    private static boolean hasFileLevelError(Findings f) {
        return f.count(FindingKind.UNREADABLE) + f.count(FindingKind.UNKNOWN_FORMAT) + f.count(FindingKind.EMPTY)
                + f.count(FindingKind.API_ERROR) + f.count(FindingKind.INTERVAL_MISMATCH) > 0;
    }

    private static ImportRefusedException refuse(Path file, ImportOptions o, SourceFormat fmt, Symbol s, Interval i, long rows,
                                                 Findings findings, List<Repair> repairs) {
        DataReport report = new DataReport(file, fmt, s, i, o.policy(), rows, 0, null, null, findings.list(), findings.counts(), repairs);
        return new ImportRefusedException(refusal(file, report, "cannot be imported"), report);
    }

    private static String refusal(Path file, DataReport report, String why) {
        StringBuilder sb = new StringBuilder(file + ": " + why + " (" + report.errors() + " errors)");
        int shown = 0;
        for (Finding f : report.findings()) {
            if (f.severity() != Severity.ERROR) continue;
            if (shown++ == 10) {
                sb.append("\n  ... and ").append(report.errors() - 10).append(" more; run `tatra data check` for the full report");
                break;
            }
            sb.append("\n  ").append(file.getFileName()).append(f.line() > 0 ? ":" + f.line() : "").append(": ").append(f.kind()).append(": ").append(f.message());
        }
        if (report.policy() == ImportPolicy.STRICT && report.errors() > 0) sb.append("\n  (--policy repair applies the documented repairs and lists each one)");
        return sb.toString();
    }

    /** Venue formats provided by other modules (ServiceLoader), loaded once. */
    private static final List<DocumentFormat> DOCUMENT_FORMATS = java.util.ServiceLoader.load(DocumentFormat.class, BarImporter.class.getClassLoader())
            .stream().map(java.util.ServiceLoader.Provider::get).toList();

    private static ReadResult readDocument(String text, String first, long firstLine, Findings findings) {
        for (DocumentFormat f : DOCUMENT_FORMATS) {
            if (!f.accepts(first.trim())) continue;
            DocumentFormat.Document d = f.read(text);
            for (Finding p : d.problems()) findings.add(p.kind(), p.line(), p.message());
            return new JsonBarReader(findings).rows(d, f.format());
        }
        throw new CsvBarReader.UnknownFormat(firstLine, "a JSON document (a venue's answer?) that no installed format reads; Bybit v5 kline answers need the tatra-bybit module");
    }

    private static ReadResult readFormat(SourceFile src, Findings findings) {
        if (src.peek().replaceAll("\\s", "").startsWith("[[")) return new JsonBarReader(findings).readFreqtrade(src.whole(), src.path());
        String first = src.next();
        while (first != null && first.isBlank()) first = src.next();
        if (first == null) return new ReadResult(new RawBars(), SourceFormat.GENERIC_CSV, null, null, 0);
        String t = first.trim();
        if (t.startsWith("[")) throw new CsvBarReader.UnknownFormat(src.lineNo(), "a JSON array but not of rows; expected freqtrade's [[time, open, high, low, close, volume], …], a Bybit v5 kline response object or JSON lines");
        if (t.startsWith("{")) {
            if (t.equals("{") || t.contains("\"retCode\"") || t.contains("\"result\"")) {
                long firstLine = src.lineNo();
                StringBuilder all = new StringBuilder(first).append('\n');
                for (String l = src.next(); l != null; l = src.next()) all.append(l).append('\n');
                return readDocument(all.toString(), first, firstLine, findings);
            }
            if (t.contains("\"signal\"") || t.contains("\"decisionId\"") || (t.contains("\"features\"") && !t.contains("\"open\""))) {
                throw new CsvBarReader.UnknownFormat(src.lineNo(), "a trading journal (decisions/outcomes/snapshots), not candles; `tatra import` stores journals when given such a file");
            }
            return new JsonBarReader(findings).readJsonl(src, first);
        }
        return new CsvBarReader(findings).read(src, first);
    }

    private static Symbol resolveSymbol(Path file, ImportOptions o, ReadResult rr, Findings findings) {
        if (o.symbol() != null) return o.symbol();
        if (rr.symbolHint() != null) {
            try {
                return Symbol.of(rr.symbolHint());
            } catch (IllegalArgumentException e) {
                findings.add(FindingKind.UNPARSEABLE, 0, "symbol column: " + e.getMessage());
                return null;
            }
        }
        String base = baseName(file);
        for (String tok : base.split("[_\\-. ]+")) {
            String u = tok.toUpperCase(Locale.ROOT);
            if (u.length() < 2 || NOT_SYMBOLS.contains(u) || !u.chars().allMatch(Character::isLetterOrDigit) || u.chars().allMatch(Character::isDigit)) continue;
            try {
                Interval.parse(u);
                continue;
            } catch (IllegalArgumentException notInterval) {
                // a symbol candidate
            }
            Symbol s = Symbol.of(u);
            findings.add(FindingKind.FROM_FILE_NAME, 0, "symbol " + s + " taken from the file name; pass --symbol to override");
            return s;
        }
        findings.add(FindingKind.UNKNOWN_FORMAT, 0, "cannot tell the symbol: the file has no symbol column and its name has none; pass --symbol");
        return null;
    }

    private static Interval resolveInterval(Path file, ImportOptions o, ReadResult rr, Findings findings) {
        Interval fromData = modeInterval(rr.bars());
        Interval fromName = null;
        for (String tok : baseName(file).split("[_\\-. ]+")) {
            try {
                if (tok.length() >= 2 && tok.length() <= 3 && Character.isDigit(tok.charAt(0))) { fromName = Interval.parse(tok); break; }
            } catch (IllegalArgumentException ignored) {
                // not an interval token
            }
        }
        Interval claimed = o.interval() != null ? o.interval() : rr.intervalHint() != null ? rr.intervalHint() : fromName;
        if (claimed != null && fromData != null && claimed != fromData) {
            String source = o.interval() != null ? "--interval" : rr.intervalHint() != null ? "close_time - open_time" : "the file name";
            findings.add(FindingKind.INTERVAL_MISMATCH, 0, source + " says " + claimed + " but most bars are " + fromData + " apart");
            return claimed;
        }
        if (claimed != null) {
            if (claimed == fromName && o.interval() == null && rr.intervalHint() == null && fromData == null)
                findings.add(FindingKind.FROM_FILE_NAME, 0, "interval " + claimed + " taken from the file name; pass --interval to override");
            return claimed;
        }
        if (fromData != null) return fromData;
        if (rr.bars().n > 0) findings.add(FindingKind.UNKNOWN_FORMAT, 0, "cannot tell the interval from the data (too few bars or an irregular spacing); pass --interval");
        return null;
    }

    /**
     * The most common spacing between distinct consecutive open times, if it is a known interval and
     * covers at least half of the steps (gaps are fine; an irregular file has no interval to guess).
     */
    private static Interval modeInterval(RawBars raw) {
        if (raw.n < 2) return null;
        long[] t = java.util.Arrays.copyOf(raw.time, raw.n);
        java.util.Arrays.sort(t);
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 1; i < t.length; i++) if (t[i] > t[i - 1]) counts.merge(t[i] - t[i - 1], 1, Integer::sum);
        long best = -1;
        int bestCount = 0;
        for (var e : counts.entrySet()) if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < best)) { best = e.getKey(); bestCount = e.getValue(); }
        int steps = counts.values().stream().mapToInt(Integer::intValue).sum();
        return best < 0 || 2L * bestCount < steps ? null : Interval.ofMillis(best);
    }

    private static String baseName(Path file) {
        String n = file.getFileName().toString();
        for (String ext : new String[]{".gz", ".csv", ".json", ".jsonl", ".txt"}) if (n.toLowerCase(Locale.ROOT).endsWith(ext)) n = n.substring(0, n.length() - ext.length());
        for (String ext : new String[]{".csv", ".json", ".jsonl"}) if (n.toLowerCase(Locale.ROOT).endsWith(ext)) n = n.substring(0, n.length() - ext.length());
        return n;
    }
}
