package io.tatra.bybit.client;

/** Bybit refused a request (its retCode and text, with the API key masked), or the venue could not be reached after the retries allowed. */
public final class BybitException extends RuntimeException {
    private final int retCode;

    public BybitException(int retCode, String message) {
        super(message);
        this.retCode = retCode;
    }

    public BybitException(String message, Throwable cause) {
        super(message, cause);
        this.retCode = -1;
    }

    /** Bybit's retCode, or −1 when no answer arrived. */
    public int retCode() { return retCode; }
}
