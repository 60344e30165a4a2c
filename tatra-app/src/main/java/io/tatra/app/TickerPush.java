package io.tatra.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.tatra.bybit.protocol.TickerUpdate;
import io.tatra.live.PushedFunding;
import io.tatra.live.PushedOpenInterest;
import io.tatra.live.RateFeed;
import io.tatra.market.FundingRate;
import io.tatra.market.OpenInterest;
import io.tatra.market.Symbol;

import java.util.List;

/**
 * A live session's ticker stream as the source {@link RateFeed} asks first: open interest ({@link PushedOpenInterest})
 * and funding settlements ({@link PushedFunding}), each vouched for only when current at a close (REST answers
 * otherwise). A snapshot announces no settlement: its rate may be the last settled one (the paper exchange's).
 */
final class TickerPush implements RateFeed.Pushed {
    private final PushedOpenInterest openInterest = new PushedOpenInterest(1_000);
    private final PushedFunding funding = new PushedFunding(1_000);

    /** Takes one ticker frame of {@code s}; a frame that does not parse throws the protocol's exception (the caller logs it). */
    void onFrame(Symbol s, JsonNode frame) {
        TickerUpdate t = TickerUpdate.parse(frame);
        openInterest.onTicker(s, t.ts(), t.openInterest() == null ? Double.NaN : t.openInterest().doubleValue());
        if (!t.snapshot()) funding.onTicker(s, t.ts(), t.fundingRate() == null ? Double.NaN : t.fundingRate().doubleValue(), t.nextFundingTime());
    }

    /** The stream reconnected: nothing pushed before counts. */
    void reset() {
        openInterest.reset();
        funding.reset();
    }

    @Override
    public List<OpenInterest> since(Symbol symbol, long close) { return openInterest.since(symbol, close); }

    @Override
    public List<FundingRate> fundingSince(Symbol symbol, long after, long close) { return funding.fundingSince(symbol, after, close); }

    /** Bars that used pushed open interest and bars that read it over REST. */
    long[] openInterestCounts() { return openInterest.counts(); }

    /** Settlements taken from the stream and settlement reads left to REST. */
    long[] fundingCounts() { return funding.counts(); }
}
