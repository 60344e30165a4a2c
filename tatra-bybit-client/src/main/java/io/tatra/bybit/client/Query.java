package io.tatra.bybit.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A query string in insertion order, values URL-encoded; {@link #text()} is both what is sent and what is signed. */
public final class Query {
    private final List<String> parts = new ArrayList<>();

    private Query() {}

    public static Query of() { return new Query(); }

    /** Adds {@code name=value}; a null value is left out. */
    public Query add(String name, Object value) {
        if (value != null) parts.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        return this;
    }

    /** Adds a cursor exactly as the server gave it (Bybit's cursors already look percent-encoded and are signed as sent). */
    public Query cursor(String cursor) {
        if (cursor != null && !cursor.isEmpty()) parts.add("cursor=" + cursor);
        return this;
    }

    public String text() { return String.join("&", parts); }

    @Override
    public String toString() { return text(); }
}
