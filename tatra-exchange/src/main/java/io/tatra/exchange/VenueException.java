package io.tatra.exchange;

import io.tatra.bybit.protocol.RetCode;

/** A request the paper exchange refuses the way Bybit would: a retCode and its message (HTTP 200, like Bybit's business errors). */
public final class VenueException extends RuntimeException {
    private final int retCode;

    public VenueException(int retCode, String message) {
        super(message, null, false, false);
        this.retCode = retCode;
    }

    public VenueException(RetCode code, String message) {
        this(code.code(), message);
    }

    public VenueException(RetCode code) {
        this(code.code(), code.text());
    }

    public int retCode() { return retCode; }
}
