package io.tatra.bybit.protocol;

import io.tatra.ingest.BarImporter;
import io.tatra.ingest.FindingKind;
import io.tatra.ingest.ImportOptions;
import io.tatra.ingest.ImportPolicy;
import io.tatra.ingest.ImportRefusedException;
import io.tatra.ingest.ImportResult;
import io.tatra.ingest.SourceFormat;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A saved Bybit v5 kline answer imported as a candle file: the importer finds this module's {@link KlineDocument}
 * (ServiceLoader) and reads rows with the client's own row parser, then validates as for every format.
 */
class KlineFileImportTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of("bybit entry too short", "a.json", b("{\"retCode\":0,\"result\":{\"symbol\":\"BTCUSDT\",\"list\":[[\"1704067200000\",\"1\",\"2\"],[\"1704070800000\",\"1\",\"2\",\"0.5\",\"1.5\",\"3\",\"4\"]]}}"), FindingKind.COLUMN_COUNT, 1),
                Arguments.of("bybit error response", "a.json", b("{\"retCode\":10001,\"retMsg\":\"params error\",\"result\":{}}"), FindingKind.API_ERROR, 0),
                Arguments.of("bybit price is text", "a.json", b("{\"retCode\":0,\"result\":{\"symbol\":\"BTCUSDT\",\"list\":[[\"1704070800000\",\"1\",\"2\",\"0.5\",\"abc\",\"3\",\"4\"],[\"1704067200000\",\"1\",\"2\",\"0.5\",\"1.5\",\"3\",\"4\"]]}}"), FindingKind.UNPARSEABLE, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void badAnswersAreRefusedWithKindFileAndEntry(String name, String file, byte[] content, FindingKind kind, long line) throws IOException {
        Path f = dir.resolve(file);
        Files.write(f, content);
        ImportRefusedException e = assertThrows(ImportRefusedException.class, () -> BarImporter.read(f, new ImportOptions(Symbol.of("BTCUSDT"), null, ImportPolicy.STRICT)));
        assertTrue(e.report().count(kind) > 0, name + ": expected " + kind + " in\n" + e.report().render(5));
        if (line > 0) assertTrue(e.report().findings().stream().anyMatch(x -> x.kind() == kind && x.line() == line), name + ": " + kind + " at entry " + line);
        assertTrue(e.getMessage().contains(f.toString()));
    }

    @Test
    void bybitV5KlineJsonNewestFirstStrings() throws IOException {
        Path f = write("bybit.json", """
                {"retCode":0,"retMsg":"OK","result":{"category":"linear","symbol":"BTCUSDT","list":[
                ["1670612400000","17100","17120","17050","17110","300","5130000"],
                ["1670608800000","17071","17105","17027","17100","268611","4582543.1"]]},"retExtInfo":{},"time":1672025956592}
                """);
        ImportResult r = BarImporter.read(f, ImportOptions.strict());
        assertEquals(SourceFormat.BYBIT_KLINE_JSON, r.report().format());
        assertEquals(Symbol.of("BTCUSDT"), r.series().symbol());
        assertEquals(Interval.H1, r.series().interval());
        assertEquals(17071, r.series().open(0));
        assertEquals(1, r.report().count(FindingKind.REVERSE_ORDER));
    }

    @Test
    void bybitErrorResponseIsRefusedWithTheExchangeMessage() throws IOException {
        Path f = write("bybit.json", "{\"retCode\":10001,\"retMsg\":\"params error: symbol invalid\",\"result\":{},\"time\":1}");
        var e = assertThrows(ImportRefusedException.class, () -> BarImporter.read(f, new ImportOptions(Symbol.of("BTCUSDT"), Interval.H1, ImportPolicy.REPAIR)));
        assertTrue(e.getMessage().contains("params error: symbol invalid"), e.getMessage());
    }


    @Test
    void theImporterAndTheClientReadTheSameRows() throws IOException {
        String text = new String(getClass().getResourceAsStream("/bybit/kline.json").readAllBytes(), StandardCharsets.UTF_8);
        List<Kline> client = Kline.page(Envelope.parse(text));
        ImportResult file = BarImporter.read(write("kline.json", text), new ImportOptions(null, Interval.H1, ImportPolicy.STRICT));
        assertEquals(client.size(), file.series().size());
        for (int i = 0; i < client.size(); i++) {
            assertEquals(client.get(i).startTime(), file.series().openTimeMillis(i));
            assertEquals(client.get(i).close().doubleValue(), file.series().close(i));
            assertEquals(client.get(i).volume().doubleValue(), file.series().volume(i));
        }
    }
}
