package io.tatra.bybit.client;

import io.tatra.bybit.protocol.ApiKey;

import java.net.URI;
import java.time.Duration;

/**
 * A REST client's settings: the venue's base URL, the API key (null for market data only), {@code recvWindow}, the
 * per-request timeout, how many times a safe request is retried, and the first back-off step (doubled per retry).
 */
public record ClientConfig(URI baseUrl, ApiKey key, long recvWindowMillis, Duration timeout, int maxRetries, long backOffMillis) {
    public static final URI BYBIT = URI.create("https://api.bybit.com");
    public static final URI BYBIT_TESTNET = URI.create("https://api-testnet.bybit.com");

    public ClientConfig {
        if (baseUrl == null || !(baseUrl.getScheme() != null && baseUrl.getScheme().matches("https?")))
            throw new IllegalArgumentException("the venue URL must be http(s)://host[:port], got " + baseUrl);
        if (recvWindowMillis < 100 || recvWindowMillis > 60_000) throw new IllegalArgumentException("recvWindow must be 100..60000 ms");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be > 0");
        if (maxRetries < 0 || maxRetries > 10) throw new IllegalArgumentException("maxRetries must be 0..10");
        if (backOffMillis < 0 || backOffMillis > 60_000) throw new IllegalArgumentException("backOffMillis must be 0..60000");
    }

    /** Bybit's defaults: recvWindow 5 s, 10 s timeout, 3 retries from 250 ms. */
    public static ClientConfig of(URI baseUrl, ApiKey key) { return new ClientConfig(baseUrl, key, 5000, Duration.ofSeconds(10), 3, 250); }

    /** "bybit", "bybit-testnet" or a URL. */
    public static URI venue(String name) {
        return switch (name) {
            case "bybit" -> BYBIT;
            case "bybit-testnet" -> BYBIT_TESTNET;
            default -> {
                try {
                    URI u = URI.create(name);
                    if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) throw new IllegalArgumentException();
                    yield u;
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--venue must be bybit, bybit-testnet or an http(s) URL, got '" + name + "'");
                }
            }
        };
    }

    public ClientConfig withKey(ApiKey v) { return new ClientConfig(baseUrl, v, recvWindowMillis, timeout, maxRetries, backOffMillis); }

    public ClientConfig withRetries(int v) { return new ClientConfig(baseUrl, key, recvWindowMillis, timeout, v, backOffMillis); }

    public ClientConfig withBackOffMillis(long v) { return new ClientConfig(baseUrl, key, recvWindowMillis, timeout, maxRetries, v); }

    public ClientConfig withTimeout(Duration v) { return new ClientConfig(baseUrl, key, recvWindowMillis, v, maxRetries, backOffMillis); }
}
