package io.tatra.dataset;

import java.time.Instant;

/** An inclusive range of sample times (the open time of each window's last bar), epoch milliseconds. */
public record Span(long from, long to) {
    public Span {
        if (to < from) throw new IllegalArgumentException("span ends (" + Instant.ofEpochMilli(to) + ") before it starts (" + Instant.ofEpochMilli(from) + ")");
    }

    public boolean contains(long t) { return t >= from && t <= to; }

    @Override
    public String toString() { return Instant.ofEpochMilli(from) + ".." + Instant.ofEpochMilli(to); }
}
