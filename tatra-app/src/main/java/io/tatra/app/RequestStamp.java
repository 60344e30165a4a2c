package io.tatra.app;

import io.tatra.bybit.client.Transport;

/**
 * When an order's request was handed to the HTTP client ({@code System.nanoTime()}): its JSON written, signed, its
 * headers set — the last moment this process can time before the bytes go out. The live engine's latency report ends
 * the path from a closed bar to an order there ({@code received_to_request_out}). Only order creations are stamped,
 * the first attempt of each (a retry after a lost answer keeps the first stamp); one order at a time, as the engine
 * sends them.
 */
final class RequestStamp {
    private static final String CREATE = "/v5/order/create";
    private volatile long first = -1;

    /** {@code inner}, stamping each order-create request before it is sent. */
    Transport wrap(Transport inner) {
        return (method, uri, headers, body) -> {
            if (first < 0 && "POST".equals(method) && uri.getPath().endsWith(CREATE)) first = System.nanoTime();
            return inner.send(method, uri, headers, body);
        };
    }

    /** Before an order: forget the last one's stamp. */
    void reset() { first = -1; }

    /** The stamp of the order since {@link #reset}, or -1 when none went out (refused before sending). */
    long first() { return first; }
}
