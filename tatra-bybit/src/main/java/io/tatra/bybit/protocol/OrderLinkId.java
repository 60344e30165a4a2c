package io.tatra.bybit.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The client order id Tatra gives every order: derived from the decision it carries out, so the same decision always
 * yields the same id. A POST whose answer was lost is resolved by looking the order up by this id (or by Bybit's
 * 110072 "duplicate"), never by placing it twice. Bybit allows at most 36 characters of letters, digits, '-' and '_'.
 */
public record OrderLinkId(String value) {
    public static final int MAX_LENGTH = 36;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");

    public OrderLinkId {
        if (value == null || !ALLOWED.matcher(value).matches())
            throw new IllegalArgumentException("an orderLinkId is 1.." + MAX_LENGTH + " letters, digits, '-' or '_', got '" + value + "'");
    }

    /**
     * The id of the {@code leg}-th order (0 = entry; 1, 2, … for later orders of the same decision) of a decision:
     * {@code t-} and 32 hex characters of SHA-256(decisionId + "#" + leg). Deterministic, within 36 characters,
     * whatever the decision id looks like.
     */
    public static OrderLinkId of(String decisionId, int leg) {
        if (decisionId == null || decisionId.isBlank()) throw new IllegalArgumentException("a decision id is required");
        if (leg < 0) throw new IllegalArgumentException("leg must be >= 0, got " + leg);
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((decisionId + "#" + leg).getBytes(StandardCharsets.UTF_8));
            return new OrderLinkId("t-" + HexFormat.of().formatHex(h, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override public String toString() { return value; }
}
