package io.tatra.bybit.protocol;

/** An answer or message that does not follow the v5 protocol (not JSON, a missing field, a malformed number). */
public class ProtocolException extends RuntimeException {
    public ProtocolException(String message) { super(message); }
}
