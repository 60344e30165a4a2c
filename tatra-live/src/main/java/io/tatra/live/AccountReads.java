package io.tatra.live;

import java.util.Map;

/**
 * How a session's bars knew the account: {@code fromView} bars from the engine's view ({@code settledByStream} of them
 * had reached a level whose fills the private stream delivered), the others read the venue at the bar's start, by
 * reason ({@link LiveEngine#accountReads}); {@code fundingFromStream}: funding settlements the view took from the
 * private stream between reads.
 */
public record AccountReads(long fromView, long settledByStream, long fundingFromStream, Map<AccountView.Why, Long> read) {
    public AccountReads {
        read = Map.copyOf(read);
    }

    public long readTotal() { return read.values().stream().mapToLong(Long::longValue).sum(); }
}
