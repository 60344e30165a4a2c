package io.tatra.live;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stops the engine from the outside: {@code tatra live stop} or anyone creating the file {@code HOME/live/STOP}. What a
 * stop does is explicit, never a surprise: {@link Policy#STOP_OPENING} keeps positions and their protective orders and
 * sends only reducing orders; {@link Policy#FLATTEN} closes every position at market. The file's first word may name
 * the policy ({@code flatten}); otherwise the engine's configured one applies.
 */
public final class KillSwitch {
    /** What the engine does once stopped. */
    public enum Policy { STOP_OPENING, FLATTEN }

    private final Path file;
    private final Policy fallback;
    private volatile Policy tripped;

    public KillSwitch(Path file, Policy fallback) {
        this.file = file;
        this.fallback = fallback;
    }

    /** Trips it from inside (a risk halt, a command); the first trip wins. */
    public synchronized void trip(Policy p) {
        if (tripped == null) tripped = p;
    }

    /** The policy when tripped (by {@link #trip} or the file), else null. Checked before every order. */
    public Policy check() {
        Policy t = tripped;
        if (t != null) return t;
        if (!Files.exists(file)) return null;
        Policy p = fallback;
        try {
            String text = Files.readString(file).trim().toLowerCase();
            if (text.startsWith("flatten")) p = Policy.FLATTEN;
            else if (text.startsWith("stop")) p = Policy.STOP_OPENING;
        } catch (java.io.IOException | RuntimeException unreadable) {
            // an unreadable stop file still stops: with the configured policy
        }
        trip(p);
        return tripped;
    }

    public Path file() { return file; }
}
