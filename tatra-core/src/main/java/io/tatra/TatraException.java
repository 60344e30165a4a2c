package io.tatra;

/**
 * A problem the user can fix (bad file, bad option, missing data). The CLI prints its message without a
 * stack trace; anything else is a bug and is reported as one.
 */
public class TatraException extends RuntimeException {
    public TatraException(String message) { super(message); }

    public TatraException(String message, Throwable cause) { super(message, cause); }
}
