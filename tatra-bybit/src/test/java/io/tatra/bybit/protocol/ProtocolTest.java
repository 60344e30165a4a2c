package io.tatra.bybit.protocol;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ProtocolTest {
    /** pybit's test fixture key and secret (fact sheet §1.2). */
    static final ApiKey KEY = new ApiKey("CFEJUGQEQPPHGOHGHM", "VDFZSSPUTKRJMXAVMJXBHEXIPZNZJIZUBVRQ");

    static String fixture(String name) throws IOException {
        try (InputStream in = ProtocolTest.class.getResourceAsStream("/bybit/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void signaturesMatchTheFactSheetVectors() {
        assertEquals("41a5ab59eff2a5fc34ac3fcb66df173928373d268d9f188127fc31cdc3dcb842", Signer.hmacHex(KEY.secret(), "12345mykey6789payload"));
        assertEquals("6d765638b4e69592b3f7258bc14206d6b89516b495c3db05c6c781c6f987819f",
                Signer.rest(KEY, 1658384314791L, 5000, "category=linear&symbol=BTCUSDT"));
        assertEquals("dc9bfb5812cd7b377173a89dbc7d7d28315502da471893f69dd510af025dea18",
                Signer.rest(KEY, 1658385579423L, 5000, "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"side\":\"Buy\",\"orderType\":\"Market\",\"qty\":\"0.001\"}"));
        assertEquals("06f9ae2e99920f9b2838bea70215b2b1f1e30ae7665078e97d0a8b76b47d1094", Signer.webSocket(KEY, 1662350400000L));
    }

    @Test
    void verificationUsesTheBytesReceivedAndRejectsAnyChange() {
        String text = Signer.restText(1658384314791L, KEY.key(), 5000, "category=linear&symbol=BTCUSDT");
        String sig = "6d765638b4e69592b3f7258bc14206d6b89516b495c3db05c6c781c6f987819f";
        assertTrue(Signer.verify(KEY.secret(), text, sig));
        assertTrue(Signer.verify(KEY.secret(), text, sig.toUpperCase()), "hex case does not matter");
        // the same parameters in another order are another string: clients differ, so the server must not re-sort
        assertFalse(Signer.verify(KEY.secret(), Signer.restText(1658384314791L, KEY.key(), 5000, "symbol=BTCUSDT&category=linear"), sig));
        assertFalse(Signer.verify(KEY.secret(), text, sig.substring(1) + "0"));
        assertFalse(Signer.verify(KEY.secret(), text, null));
    }

    @Test
    void theSecretNeverAppearsInTextAndBadKeysAreRefused() {
        assertFalse(KEY.toString().contains(KEY.secret()), KEY.toString());
        assertFalse(KEY.toString().contains(KEY.key()), "the key is abbreviated too: " + KEY);
        assertThrows(IllegalArgumentException.class, () -> new ApiKey("short", KEY.secret()));
        var e = assertThrows(IllegalArgumentException.class, () -> new ApiKey(KEY.key(), "has a space in it"));
        assertFalse(e.getMessage().contains("has a space"), "the refused secret is not echoed: " + e.getMessage());
    }

    @Test
    void klinePagesParseExactlyInTimeOrder() throws IOException {
        Envelope e = Envelope.parse(fixture("kline.json"));
        assertTrue(e.ok());
        assertEquals(1672025956592L, e.time());
        List<Kline> k = Kline.page(e);
        assertEquals(2, k.size());
        assertEquals(1670605200000L, k.get(0).startTime(), "newest first on the wire, oldest first here");
        assertEquals(new BigDecimal("17055.5"), k.get(1).close());
        assertEquals(new BigDecimal("301234.001"), k.get(0).volume(), "exact decimal, no binary rounding");
        assertEquals(new BigDecimal("15.74462667"), k.get(1).turnover());
    }

    @Test
    void malformedAnswersAreProtocolErrorsThatSayWhat() {
        assertTrue(assertThrows(ProtocolException.class, () -> Envelope.parse("<html>502 Bad Gateway</html>")).getMessage().startsWith("not JSON"));
        assertTrue(assertThrows(ProtocolException.class, () -> Envelope.parse("{\"retMsg\":\"OK\"}")).getMessage().contains("no integer retCode"));
        assertTrue(assertThrows(ProtocolException.class, () -> Envelope.parse("{\"retCode\":0,\"retCode\":1}")).getMessage().startsWith("not JSON"),
                "a key twice is refused");
        String row = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[[\"1670608800000\",\"17071\",\"17073\",\"17027\",%s,\"268611\",\"15.7\"]]},\"time\":1}";
        for (String bad : List.of("17055.5", "\"1e5\"", "\"NaN\"", "\" 17055\"", "\"-5\"", "null")) {
            var ex = assertThrows(ProtocolException.class, () -> Kline.page(Envelope.parse(String.format(row, bad))), bad);
            assertTrue(ex.getMessage().startsWith("kline row 0"), ex.getMessage());
        }
        assertEquals(1, Kline.page(Envelope.parse(String.format(row, "\"17055.5\""))).size());
    }

    @Test
    void retCodesCarryTheirHandling() throws IOException {
        Envelope e = Envelope.parse(fixture("error-10002.json"));
        assertFalse(e.ok());
        assertEquals(RetCode.Handling.RESYNC_CLOCK, e.handling());
        assertTrue(e.retMsg().contains("recv_window"));
        assertEquals(RetCode.Handling.BACK_OFF, RetCode.handlingOf(10006));
        assertEquals(RetCode.Handling.LOOK_UP_ORDER, RetCode.handlingOf(110072), "a duplicate orderLinkId means: look the order up, never place it again");
        assertEquals(RetCode.Handling.ALREADY_DONE, RetCode.handlingOf(110043));
        assertEquals(RetCode.Handling.FAIL, RetCode.handlingOf(99999), "an unknown code is never retried");
        assertEquals(10006, Envelope.parse(Envelope.error(RetCode.RATE_LIMIT, 5).toJson()).retCode(), "the paper exchange's error answers round-trip");
        assertEquals(0, Envelope.parse("{\"ret_code\":\"0\",\"ret_msg\":\"OK\",\"result\":{}}").retCode(), "the legacy snake_case envelope");
    }
}
