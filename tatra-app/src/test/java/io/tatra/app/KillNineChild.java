package io.tatra.app;

import io.tatra.bybit.client.BybitMarket;
import io.tatra.bybit.client.BybitRestClient;
import io.tatra.bybit.client.BybitStream;
import io.tatra.bybit.client.ClientConfig;
import io.tatra.bybit.protocol.ApiKey;
import io.tatra.bybit.protocol.Instrument;
import io.tatra.bybit.protocol.KlineUpdate;
import io.tatra.live.ClosedBarFeed;
import io.tatra.live.KillSwitch;
import io.tatra.live.LatencyRecorder;
import io.tatra.live.LiveEngine;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.risk.RiskLimits;
import io.tatra.trading.Strategy;
import io.tatra.trading.TargetOrder;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The live engine as its own process, for {@link KillNineTest}: recovers its order log, reconciles with its last
 * status, then trades every closed bar of one symbol from the paper exchange's stream (long a fifth of the equity on
 * even hours, short on odd ones). Arguments: REST URL, stream URL, key, secret, folder, symbol, last bar already seen.
 * Says on stdout what recovery found, the differences, and "ready".
 */
public final class KillNineChild {
    public static void main(String[] a) throws Exception {
        ApiKey key = new ApiKey(a[2], a[3]);
        Path dir = Path.of(a[4]);
        Symbol sym = Symbol.of(a[5]);
        BybitRestClient rest = BybitRestClient.of(ClientConfig.of(URI.create(a[0]), key));
        Instrument in = new BybitMarket(rest).instruments().stream().filter(i -> i.symbol().equals(sym.value())).findFirst().orElseThrow();
        Strategy flip = (h, i, view) -> List.of(new TargetOrder(sym, (h.openTimeMillis(i) / 3_600_000L) % 2 == 0 ? 0.2 : -0.2, 0.05, 0.05, "k9-" + h.openTimeMillis(i)));
        LiveEngine engine = new LiveEngine(new LiveEngine.Config(Interval.H1, 10, false, RiskLimits.defaults(), dir.resolve("status.json")), flip,
                new BybitLiveVenue(rest, List.of(sym.value())), Map.of(sym, in), new KillSwitch(dir.resolve("STOP"), KillSwitch.Policy.STOP_OPENING), new LatencyRecorder(),
                (kind, s, t, detail) -> System.out.println("event " + kind + " " + detail), System::nanoTime);
        for (String line : engine.recover(dir.resolve("orders.jsonl"))) System.out.println("recovery " + line);
        System.out.println("differences " + engine.reconcileWithLastStatus(dir.resolve("status.json")));
        ClosedBarFeed feed = new ClosedBarFeed(sym.value(), Interval.H1, Long.parseLong(a[6]), BybitLiveVenue.history(rest), k -> engine.onClosedBar(sym, k, System.nanoTime()));
        BybitStream stream = BybitStream.open(BybitStream.Config.of(URI.create(a[1]), null), frame -> {
            for (var k : KlineUpdate.closed(frame)) feed.onClosed(k);
        });
        stream.subscribe(List.of(BybitLiveVenue.klineTopic(sym.value(), Interval.H1)));
        for (int i = 0; i < 500 && stream.acks() < 1; i++) Thread.sleep(10);
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) { } // runs until its stdin closes (or it is killed)
        stream.close();
        engine.close();
    }
}
