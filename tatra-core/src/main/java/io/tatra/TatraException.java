package io.tatra;

/**
 * A problem the user can fix (bad file, bad option, missing or too little data). The CLI prints its message without
 * a stack trace and exits 2; anything else — an {@link IllegalArgumentException} from deep inside included, which
 * means a caller broke a contract — is a bug, printed with its trace, exit 70. It is an IllegalArgumentException
 * itself, so library callers that catch refused arguments catch it too.
 */
public class TatraException extends IllegalArgumentException {
    public TatraException(String message) { super(message); }

    public TatraException(String message, Throwable cause) { super(message, cause); }
}
