package io.tatra.exchange;

import java.util.List;
import java.util.function.ToLongFunction;

/** Binary search over a history in time order (a {@link io.tatra.features.MarketFrame}'s lists are strictly increasing). */
final class TimeIndex {
    private TimeIndex() {}

    /** Index of the last element stamped at or before {@code t} in {@code xs}, in strictly increasing time order; -1 when none is. */
    static <T> int lastAtOrBefore(List<T> xs, long t, ToLongFunction<T> time) {
        int lo = 0, hi = xs.size() - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (time.applyAsLong(xs.get(mid)) <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
