package io.tatra.exchange;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Bybit's per-key, per-endpoint rolling one-second limits (fact sheet §2.2: orders 10/s, reads 50/s, fee rate 5/s), and
 * the {@code X-Bapi-Limit*} headers every signed answer carries.
 */
final class RateLimiter {
    private final Map<String, ArrayDeque<Long>> windows = new HashMap<>();

    record Verdict(boolean allowed, int limit, int remaining, long reset) {
        Map<String, String> headers(boolean forcedOut) {
            return Map.of("X-Bapi-Limit", Integer.toString(limit), "X-Bapi-Limit-Status", Integer.toString(forcedOut ? 0 : remaining),
                    "X-Bapi-Limit-Reset-Timestamp", Long.toString(forcedOut ? System.currentTimeMillis() + 200 : reset));
        }
    }

    static int limitOf(String path) {
        return switch (path) {
            case "/v5/order/create", "/v5/order/amend", "/v5/order/cancel", "/v5/order/cancel-all", "/v5/position/set-leverage", "/v5/position/trading-stop" -> 10;
            case "/v5/account/fee-rate" -> 5;
            default -> 50;
        };
    }

    synchronized Verdict take(String key, int limit, long now) {
        ArrayDeque<Long> w = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!w.isEmpty() && w.peekFirst() <= now - 1000) w.pollFirst();
        if (w.size() >= limit) return new Verdict(false, limit, 0, w.peekFirst() + 1000);
        w.addLast(now);
        return new Verdict(true, limit, limit - w.size(), now);
    }
}
