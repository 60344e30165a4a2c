package io.tatra.bybit.protocol;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Bybit v5 signatures: HMAC-SHA256 keyed with the API secret, lowercase hex. REST signs
 * {@code timestamp + apiKey + recvWindow + payload}, where the payload is the raw query string of a GET (exactly as
 * sent after '?') or the raw JSON body of a POST (exactly as sent); private WebSocket auth signs
 * {@code "GET/realtime" + expires}. A verifier must use the bytes it received, never a re-serialisation.
 */
public final class Signer {
    private Signer() {}

    /** The lowercase hex HMAC-SHA256 of {@code text} keyed with {@code secret}. */
    public static String hmacHex(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The text a REST request signs. */
    public static String restText(long timestamp, String apiKey, long recvWindow, String payload) {
        return timestamp + apiKey + recvWindow + (payload == null ? "" : payload);
    }

    /** The {@code X-BAPI-SIGN} header of a REST request. */
    public static String rest(ApiKey key, long timestamp, long recvWindow, String payload) {
        return hmacHex(key.secret(), restText(timestamp, key.key(), recvWindow, payload));
    }

    /** The signature of a private WebSocket {@code auth} with this expiry (ms). */
    public static String webSocket(ApiKey key, long expires) {
        return hmacHex(key.secret(), "GET/realtime" + expires);
    }

    /** Whether {@code signature} is the signature of {@code text}; compares in constant time, case-insensitively. */
    public static boolean verify(String secret, String text, String signature) {
        if (signature == null) return false;
        byte[] expected = hmacHex(secret, text).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
