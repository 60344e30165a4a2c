package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.bybit.client.BybitRestClient;
import io.tatra.bybit.protocol.Instrument;
import io.tatra.journal.BookRecord;
import io.tatra.live.LiveEngine;
import io.tatra.live.RateFeed;
import io.tatra.market.FundingRate;
import io.tatra.market.Interval;
import io.tatra.market.OpenInterest;
import io.tatra.market.Symbol;
import io.tatra.store.TatraStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a live session's strategy reads besides bars, delivered up to each bar's close before it is decided: funding and
 * open interest ({@link RateFeed}: the venue's history and ticker push) and order books ({@link LiveBooks}: the book
 * stream, the store's recorded books for the warm-up). Books reach the features only when the model was trained on them.
 */
final class SessionEvents implements LiveEngine.BarEvents, AutoCloseable {
    final RateFeed rates;
    final LiveBooks books;

    SessionEvents(BybitRestClient rest, Interval interval, Map<Symbol, Instrument> instruments, TickerPush pushed, JournaledStrategy strategy,
                  List<Symbol> symbols, boolean readsBooks) {
        long fundingMillis = instruments.values().stream().mapToLong(i -> i.fundingIntervalMinutes() * 60_000L).min().orElse(8 * 3_600_000L);
        this.rates = new RateFeed(BybitLiveVenue.rates(rest, interval), new RateFeed.Sink() {
            @Override
            public void funding(FundingRate f) { strategy.onFunding(f); }

            @Override
            public void openInterest(OpenInterest o) { strategy.onOpenInterest(o); }
        }, fundingMillis).withPushed(pushed);
        this.books = new LiveBooks(symbols, interval.millis(), readsBooks ? strategy::onBook : null);
    }

    /**
     * The events of a symbol's warm-up bars, [{@code first}, {@code end}): the venue's rates in one request per kind, and the
     * order books the store at {@code home} recorded for those bars (none without a home or a store; a store another
     * process holds is said, and the warm-up goes on without books).
     */
    void prime(Symbol s, long first, long end, Path home, Consumer<String> say) {
        rates.prime(s, first, end);
        if (home == null || !Files.isRegularFile(home.resolve(TatraStore.FILE_NAME))) return;
        try (TatraStore store = TatraStore.openExisting(home)) {
            books.prime(s, store.books().read(s, Instant.ofEpochMilli(first), Instant.ofEpochMilli(end + 1)), end);
        } catch (TatraException e) {
            say.accept("tatra live: warning: the stored order books of " + s.value() + " were not read for the warm-up (" + e.getMessage() + ")");
        }
    }

    @Override
    public void upTo(Symbol symbol, long barOpen, long barClose) {
        rates.upTo(symbol, barOpen, barClose);
        books.upTo(symbol, barOpen, barClose);
    }

    /** Closes the book journal; says so when lines could not be written. */
    void close(Consumer<String> say) {
        books.close();
        long[] c = books.counts();
        if (c[3] > 0) say.accept("tatra live: warning: " + c[3] + " of " + c[0] + " order books were not written to " + BookRecord.FILE_NAME + " (" + books.lastFailure() + ")");
    }

    @Override
    public void close() { close(line -> {}); }
}
