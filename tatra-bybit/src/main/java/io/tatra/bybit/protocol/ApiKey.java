package io.tatra.bybit.protocol;

import java.util.regex.Pattern;

/**
 * An API key and its secret. The secret never appears in {@link #toString()}, so it cannot reach a log line, an
 * exception message, a journal or a report by accident; only {@link Signer} reads it.
 */
public record ApiKey(String key, String secret) {
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]{8,128}");

    public ApiKey {
        if (key == null || !PRINTABLE.matcher(key).matches()) throw new IllegalArgumentException("an API key is 8..128 printable characters without spaces");
        if (secret == null || !PRINTABLE.matcher(secret).matches()) throw new IllegalArgumentException("an API secret is 8..128 printable characters without spaces");
    }

    /** The key with the secret redacted, e.g. {@code ApiKey[CFEJ…HM, secret=***]}. */
    @Override
    public String toString() {
        return "ApiKey[" + key.substring(0, 4) + "…" + key.substring(key.length() - 2) + ", secret=***]";
    }
}
