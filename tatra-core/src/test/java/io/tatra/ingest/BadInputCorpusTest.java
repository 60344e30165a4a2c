package io.tatra.ingest;

import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Bad inputs: each is refused under strict with a named kind, file and line (no other exception, no
 * silent acceptance); under repair it is either refused with a message or imported with a repair that
 * names the same line.
 */
class BadInputCorpusTest {
    static final String H = "timestamp,open,high,low,close,volume\n";
    static final String R1 = "2024-01-01T00:00:00Z,100,110,90,105,10\n";
    static final String R2 = "2024-01-01T01:00:00Z,105,112,100,108,12\n";
    static final String R3 = "2024-01-01T02:00:00Z,108,115,101,110,9\n";
    static final String R4 = "2024-01-01T03:00:00Z,110,116,105,111,8\n";

    static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    static byte[] gzip(String s) {
        try {
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(bo)) { g.write(b(s)); }
            return bo.toByteArray();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    static Stream<Arguments> corpus() {
        byte[] garbage = new byte[512];
        new java.util.Random(1).nextBytes(garbage);
        garbage[3] = 0;
        String big = H + R1 + R2 + R3 + R4;
        byte[] gz = gzip(big + big.repeat(50));
        return Stream.of(
                Arguments.of("empty file", "a.csv", b(""), FindingKind.EMPTY, 0),
                Arguments.of("header only", "a.csv", b(H), FindingKind.EMPTY, 0),
                Arguments.of("truncated line", "a.csv", b(H + R1 + "2024-01-01T01:00:00Z,105,112\n" + R3 + R4), FindingKind.COLUMN_COUNT, 3),
                Arguments.of("extra column", "a.csv", b(H + R1 + R2.replace("\n", ",7\n") + R3 + R4), FindingKind.COLUMN_COUNT, 3),
                Arguments.of("non-numeric price", "a.csv", b(H + R1 + R2.replace("112", "abc") + R3 + R4), FindingKind.UNPARSEABLE, 3),
                Arguments.of("NaN close", "a.csv", b(H + R1 + R2.replace(",108,", ",NaN,") + R3 + R4), FindingKind.NON_FINITE, 3),
                Arguments.of("infinite volume", "a.csv", b(H + R1 + R2.replace(",12\n", ",Infinity\n") + R3 + R4), FindingKind.NON_FINITE, 3),
                Arguments.of("negative price", "a.csv", b(H + R1 + R2.replace(",100,", ",-100,") + R3 + R4), FindingKind.NON_POSITIVE_PRICE, 3),
                Arguments.of("zero price", "a.csv", b(H + R1 + R2.replace("105,", "0,") + R3 + R4), FindingKind.NON_POSITIVE_PRICE, 3),
                Arguments.of("negative volume", "a.csv", b(H + R1 + R2.replace(",12\n", ",-12\n") + R3 + R4), FindingKind.NEGATIVE_VOLUME, 3),
                Arguments.of("high below low", "a.csv", b(H + R1 + "2024-01-01T01:00:00Z,105,99,100,100,12\n" + R3 + R4), FindingKind.HIGH_BELOW_LOW, 3),
                Arguments.of("open above high", "a.csv", b(H + R1 + "2024-01-01T01:00:00Z,120,112,100,108,12\n" + R3 + R4), FindingKind.OHLC_INCONSISTENT, 3),
                Arguments.of("unknown header", "a.csv", b("alpha,beta,gamma\n1,2,3\n"), FindingKind.UNKNOWN_FORMAT, 1),
                Arguments.of("binary garbage", "a.csv", garbage, FindingKind.UNREADABLE, 0),
                Arguments.of("named .gz but plain", "a.csv.gz", b(big), FindingKind.UNREADABLE, 0),
                Arguments.of("truncated gzip", "a.csv.gz", Arrays.copyOf(gz, gz.length / 2), FindingKind.UNREADABLE, 0),
                Arguments.of("undecidable epoch unit", "a.csv", b("unix,open,high,low,close,volume\n1704067200,1,2,0.5,1.5,1\n123456,1,2,0.5,1.5,1\n1704070800,1,2,0.5,1.5,1\n1704074400,1,2,0.5,1.5,1\n"), FindingKind.UNDECIDABLE_TIME_UNIT, 3),
                Arguments.of("impossible date", "a.csv", b(H + R1 + R2.replace("2024-01-01T01", "2024-13-45T01") + R3 + R4), FindingKind.UNPARSEABLE, 3),
                Arguments.of("off the interval grid", "a.csv", b(H + R1 + R2 + "2024-01-01T02:30:00Z,108,115,101,110,9\n" + R4 + R4.replace("T03", "T04") + R4.replace("T03", "T05")), FindingKind.MISALIGNED, 4),
                Arguments.of("conflicting duplicate", "a.csv", b(H + R1 + R2 + R2.replace(",108,", ",109,") + R3 + R4), FindingKind.DUPLICATE_CONFLICTING, 4),
                Arguments.of("JSON array, not of rows", "a.json", b("[1,2,3]"), FindingKind.UNKNOWN_FORMAT, 1),
                Arguments.of("venue answer, no reader installed", "a.json", b("{\"retCode\":0,\"result\":{\"list\":[]}}"), FindingKind.UNKNOWN_FORMAT, 1),
                Arguments.of("freqtrade rows too short", "a.json", b("[[1,2,3]]"), FindingKind.COLUMN_COUNT, 1),
                Arguments.of("freqtrade row with text", "a.json", b("[[1704067200000,1,2,0.5,1.5,3],[1704070800000,\"x\",2,0.5,1.5,3]]"), FindingKind.UNPARSEABLE, 2),
                Arguments.of("malformed JSONL line", "a.jsonl", b("{\"timestamp\":\"2024-01-01T00:00:00Z\",\"open\":1,\"high\":2,\"low\":0.5,\"close\":1.5,\"volume\":3}\n{\"timestamp\":\"2024-01-01T01:00:00Z\",\"open\":1,\n{\"timestamp\":\"2024-01-01T02:00:00Z\",\"open\":1,\"high\":2,\"low\":0.5,\"close\":1.5,\"volume\":3}\n"), FindingKind.UNPARSEABLE, 2),
                Arguments.of("two symbols in one file", "a.csv", b("unix,date,symbol,open,high,low,close,Volume BTC,Volume USDT,tradecount\n1704067200000,2024-01-01 00:00:00,BTC/USDT,1,2,0.5,1.5,1,1,1\n1704070800000,2024-01-01 01:00:00,ETH/USDT,1,2,0.5,1.5,1,1,1\n"), FindingKind.MIXED_SYMBOLS, 3),
                Arguments.of("headerless with 3 columns", "a.csv", b("1704067200000,1,2\n"), FindingKind.UNKNOWN_FORMAT, 1),
                Arguments.of("not UTF-8", "a.csv", concat(b(H + R1), new byte[]{(byte) 0xC3, (byte) 0x28, ',', '1', '\n'}), FindingKind.UNREADABLE, 0),
                Arguments.of("epoch and date disagree", "a.csv", b("unix,date,open,high,low,close,volume\n1704067200,2024-01-01 00:00:00,1,2,0.5,1.5,1\n1704070800,2024-01-01 05:00:00,1,2,0.5,1.5,1\n1704074400,2024-01-01 02:00:00,1,2,0.5,1.5,1\n"), FindingKind.TIME_MISMATCH, 3),
                Arguments.of("empty required field", "a.csv", b(H + R1 + R2.replace(",12\n", ",\n") + R3 + R4), FindingKind.UNPARSEABLE, 3),
                Arguments.of("bad quote volume", "a.csv", b("timestamp,open,high,low,close,volume,quote_volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,1,3\n2024-01-01T01:00:00Z,1,2,0.5,1.5,1,nan\n2024-01-01T02:00:00Z,1,2,0.5,1.5,1,3\n"), FindingKind.BAD_OPTIONAL_FIELD, 3),
                // numbers in a grammar no exchange writes, and values no market quotes
                Arguments.of("hex float price", "a.csv", b(H + R1 + R2.replace(",108,", ",0x1p3,") + R3 + R4), FindingKind.UNPARSEABLE, 3),
                Arguments.of("double suffix d", "a.csv", b(H + R1 + R2.replace(",108,", ",108d,") + R3 + R4), FindingKind.UNPARSEABLE, 3),
                Arguments.of("float suffix f", "a.csv", b(H + R1 + R2.replace("112", "112f") + R3 + R4), FindingKind.UNPARSEABLE, 3),
                Arguments.of("underscore digits", "a.csv", b(H + R1 + R2.replace(",12\n", ",1_2\n") + R3 + R4), FindingKind.UNPARSEABLE, 3),
                Arguments.of("space inside a number", "a.csv", b(H + R1 + R2.replace(",108,", ",10 8,") + R3 + R4), FindingKind.UNPARSEABLE, 3),
                Arguments.of("full-width digits", "a.csv", b(H + R1 + R2.replace(",108,", ",\uFF11\uFF10\uFF18,") + R3 + R4), FindingKind.UNPARSEABLE, 3),
                Arguments.of("four-digit exponent", "a.csv", b(H + R1 + R2.replace(",108,", ",1.08e0002,") + R3 + R4), FindingKind.UNPARSEABLE, 3),
                Arguments.of("41-character number", "a.csv", b(H + R1 + R2.replace(",108,", ",108.0000000000000000000000000000000000000001,") + R3 + R4), FindingKind.UNPARSEABLE, 3),
                Arguments.of("signed infinity", "a.csv", b(H + R1 + R2.replace("112", "+Infinity") + R3 + R4), FindingKind.NON_FINITE, 3),
                Arguments.of("negative NaN", "a.csv", b(H + R1 + R2.replace(",108,", ",-nan,") + R3 + R4), FindingKind.NON_FINITE, 3),
                Arguments.of("subnormal price", "a.csv", b(H + R1 + "2024-01-01T01:00:00Z,4.9e-324,4.9e-324,4.9e-324,4.9e-324,12\n" + R3 + R4), FindingKind.OUT_OF_RANGE, 3),
                Arguments.of("price of 1e308", "a.csv", b(H + R1 + R2.replace("112", "1e308") + R3 + R4), FindingKind.OUT_OF_RANGE, 3),
                Arguments.of("price below 1e-12", "a.csv", b(H + R1 + "2024-01-01T01:00:00Z,1e-13,1e-13,1e-13,1e-13,12\n" + R3 + R4), FindingKind.OUT_OF_RANGE, 3),
                Arguments.of("volume of 1e20", "a.csv", b(H + R1 + R2.replace(",12\n", ",1e20\n") + R3 + R4), FindingKind.OUT_OF_RANGE, 3),
                Arguments.of("decimal comma", "a.csv", b(H + R1 + R2.replace(",108,", ",108,5,") + R3 + R4), FindingKind.COLUMN_COUNT, 3),
                Arguments.of("negative quote volume", "a.csv", b("timestamp,open,high,low,close,volume,quote_volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,1,3\n2024-01-01T01:00:00Z,1,2,0.5,1.5,1,-3\n2024-01-01T02:00:00Z,1,2,0.5,1.5,1,3\n"), FindingKind.NEGATIVE_VOLUME, 3),
                Arguments.of("fractional trade count", "a.csv", b("timestamp,open,high,low,close,volume,trades\n2024-01-01T00:00:00Z,1,2,0.5,1.5,1,3\n2024-01-01T01:00:00Z,1,2,0.5,1.5,1,1.5\n2024-01-01T02:00:00Z,1,2,0.5,1.5,1,3\n"), FindingKind.BAD_OPTIONAL_FIELD, 3),
                Arguments.of("negative trade count", "a.csv", b("timestamp,open,high,low,close,volume,trades\n2024-01-01T00:00:00Z,1,2,0.5,1.5,1,3\n2024-01-01T01:00:00Z,1,2,0.5,1.5,1,-3\n2024-01-01T02:00:00Z,1,2,0.5,1.5,1,3\n"), FindingKind.BAD_OPTIONAL_FIELD, 3),
                Arguments.of("close above high", "a.csv", b(H + R1 + "2024-01-01T01:00:00Z,105,112,100,113,12\n" + R3 + R4), FindingKind.OHLC_INCONSISTENT, 3),
                Arguments.of("open below low", "a.csv", b(H + R1 + "2024-01-01T01:00:00Z,99,112,100,108,12\n" + R3 + R4), FindingKind.OHLC_INCONSISTENT, 3),
                // times no exchange writes
                Arguments.of("year 2150", "a.csv", b(H + R1 + R2.replace("2024-01-01T01", "2150-01-01T01") + R3 + R4), FindingKind.UNPARSEABLE, 3),
                Arguments.of("year 1999", "a.csv", b(H + R1 + R2.replace("2024-01-01T01", "1999-01-01T01") + R3 + R4), FindingKind.UNPARSEABLE, 3),
                Arguments.of("February 30", "a.csv", b(H + R1 + R2.replace("2024-01-01T01", "2024-02-30T01") + R3 + R4), FindingKind.UNPARSEABLE, 3),
                Arguments.of("hour 25", "a.csv", b(H + R1 + R2.replace("2024-01-01T01", "2024-01-01T25") + R3 + R4), FindingKind.UNPARSEABLE, 3),
                Arguments.of("epoch zero", "a.csv", b("unix,open,high,low,close,volume\n1704067200,1,2,0.5,1.5,1\n0,1,2,0.5,1.5,1\n1704074400,1,2,0.5,1.5,1\n1704078000,1,2,0.5,1.5,1\n"), FindingKind.UNDECIDABLE_TIME_UNIT, 3),
                // JSON: a key twice, missing or wrong-typed fields, an exchange error
                Arguments.of("JSONL close twice", "a.jsonl", b(j(0, "\"close\":105,") + j(1, "\"close\":105,\"close\":5000,") + j(2, "\"close\":105,")), FindingKind.UNPARSEABLE, 2),
                Arguments.of("JSONL close missing", "a.jsonl", b(j(0, "\"close\":105,") + j(1, "") + j(2, "\"close\":105,")), FindingKind.UNPARSEABLE, 2),
                Arguments.of("JSONL close null", "a.jsonl", b(j(0, "\"close\":105,") + j(1, "\"close\":null,") + j(2, "\"close\":105,")), FindingKind.UNPARSEABLE, 2),
                Arguments.of("JSONL close is text", "a.jsonl", b(j(0, "\"close\":105,") + j(1, "\"close\":\"abc\",") + j(2, "\"close\":105,")), FindingKind.UNPARSEABLE, 2),
                Arguments.of("JSONL close is an object", "a.jsonl", b(j(0, "\"close\":105,") + j(1, "\"close\":{\"v\":1},") + j(2, "\"close\":105,")), FindingKind.UNPARSEABLE, 2));
    }

    static String j(int h, String close) { return "{\"timestamp\":\"2024-01-01T0" + h + ":00:00Z\",\"open\":100,\"high\":110,\"low\":90," + close + "\"volume\":10}\n"; }

    static byte[] concat(byte[] a, byte[] c) {
        byte[] o = Arrays.copyOf(a, a.length + c.length);
        System.arraycopy(c, 0, o, a.length, c.length);
        return o;
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedUnderStrictWithKindFileAndLine(String name, String file, byte[] content, FindingKind kind, long line) throws IOException {
        Path f = dir.resolve(file);
        Files.write(f, content);
        ImportOptions opts = new ImportOptions(Symbol.of("BTCUSDT"), null, ImportPolicy.STRICT);
        ImportRefusedException e = assertThrows(ImportRefusedException.class, () -> BarImporter.read(f, opts), name + " must be refused");
        DataReport r = e.report();
        assertTrue(r.count(kind) > 0, name + ": expected " + kind + " in\n" + r.render(5));
        if (line > 0) assertTrue(r.findings().stream().anyMatch(x -> x.kind() == kind && x.line() == line), name + ": " + kind + " at line " + line + " in\n" + r.render(5));
        assertTrue(e.getMessage().contains(f.toString()), "the message names the file: " + e.getMessage());
        assertTrue(kind.severity() == Severity.ERROR);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void underRepairIsRefusedOrRepairedVisibly(String name, String file, byte[] content, FindingKind kind, long line) throws IOException {
        Path f = dir.resolve(file);
        Files.write(f, content);
        ImportOptions opts = new ImportOptions(Symbol.of("BTCUSDT"), null, ImportPolicy.REPAIR);
        try {
            ImportResult r = BarImporter.read(f, opts);
            assertFalse(r.report().repairs().isEmpty(), name + ": imported under repair, so a repair must be listed");
            if (line > 0) assertTrue(r.report().repairs().stream().anyMatch(x -> x.line() == line || x.description().contains("line " + line)),
                    name + ": a repair names line " + line + ": " + r.report().repairs());
        } catch (ImportRefusedException e) {
            assertFalse(e.getMessage().isBlank());
            assertTrue(e.getMessage().contains(f.toString()));
        }
    }

    @org.junit.jupiter.api.Test
    void intervalClaimThatContradictsTheDataIsAnError() throws IOException {
        Path f = dir.resolve("a.csv");
        Files.writeString(f, H + R1 + R2 + R3 + R4);
        var e = assertThrows(ImportRefusedException.class, () -> BarImporter.read(f, new ImportOptions(Symbol.of("BTCUSDT"), Interval.M5, ImportPolicy.REPAIR)));
        assertEquals(1, e.report().count(FindingKind.INTERVAL_MISMATCH));
        assertTrue(e.getMessage().contains("--interval says 5m but most bars are 1h apart"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void corpusHasAtLeastSixtyCases() {
        assertTrue(corpus().count() >= 60, corpus().count() + " cases");
    }
}
