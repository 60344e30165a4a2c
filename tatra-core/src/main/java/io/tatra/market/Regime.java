package io.tatra.market;

/** Market regime; the synthetic market exports the true one for every bar. */
public enum Regime {
    BULL, BEAR, SIDEWAYS;

    public static Regime parse(String s) {
        for (Regime r : values()) if (r.name().equalsIgnoreCase(s.trim())) return r;
        throw new IllegalArgumentException("unknown regime '" + s + "'; expected bull, bear or sideways");
    }
}
