package io.tatra.cli;

import io.tatra.TatraException;

import java.util.function.Supplier;

/**
 * The boundary between options and the library: config records validate in their constructors and throw
 * {@link IllegalArgumentException}; built from what the user typed, such a refusal is the user's mistake (exit 2,
 * no trace). Anywhere else an IllegalArgumentException is a broken contract, a bug (exit 70, trace).
 */
final class UserValues {
    private UserValues() {}

    /** Builds a value from options; a refused value becomes a user error naming the options. */
    static <T> T of(String options, Supplier<T> build) {
        try {
            return build.get();
        } catch (TatraException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new TatraException(options + ": " + e.getMessage(), e);
        }
    }
}
