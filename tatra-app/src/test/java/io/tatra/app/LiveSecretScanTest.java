package io.tatra.app;

import io.tatra.backtest.CostConfig;
import io.tatra.bybit.protocol.ApiKey;
import io.tatra.decision.FusionConfig;
import io.tatra.exchange.MarketClock;
import io.tatra.exchange.PaperExchangeServer;
import io.tatra.live.KillSwitch;
import io.tatra.market.BarSeries;
import io.tatra.market.Interval;
import io.tatra.market.Symbol;
import io.tatra.model.nn.Torch;
import io.tatra.risk.RiskLimits;
import io.tatra.synth.MarketGenerator;
import io.tatra.synth.SyntheticConfig;
import io.tatra.synth.SyntheticMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The secret scan: a live session signs every order and private read with its API secret, over a venue that loses
 * order answers and throws rate limits and server errors at it (so every logging path speaks); afterwards the secret
 * appears in none of the session's files (journals, order log, events, status), in nothing it said, and in nothing the
 * client logged. The same session also shows its outcomes journal: the trades of its real fills, read from the venue's
 * execution list, each linked to the decision that opened it.
 */
class LiveSecretScanTest {
    private static final String SECRET = "S3cr3tNeverPrintMe0123456789";
    private static final ApiKey KEY = new ApiKey("SCANKEY000000001", SECRET);

    @TempDir
    Path dir;

    @Test
    void theApiSecretReachesNoFileNoMessageAndNoLog() throws Exception {
        Torch.configure(1, 5);
        SyntheticMarket m = MarketGenerator.generate(SyntheticConfig.defaults(1, 1_200, Interval.H1, 31));
        Symbol sym = m.series().keySet().iterator().next();
        BarSeries bars = m.series(sym);
        Path home = dir.resolve("home"), model = dir.resolve("model"), live = dir.resolve("live");
        TinyModel.store(home, m, List.of(sym), false);
        TinyModel.train(home, List.of(sym), null, 1, 5, model);
        Path faults = dir.resolve("faults.json");
        Files.writeString(faults, "{\"loseOrderResponses\": 3, \"rateLimitShare\": 0.1, \"serverErrorShare\": 0.1, \"seed\": 4}");
        List<String> said = new CopyOnWriteArrayList<>(), logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) { logged.add(r.getLevel() + " " + r.getLoggerName() + " " + new java.util.logging.SimpleFormatter().formatMessage(r)); }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        int start = 1_000;
        var exchange = new PaperExchangeService.Request(home, List.of(sym), Interval.H1, null, null, bars.openTime(start).plusSeconds(1), 0, 0, 10_000,
                CostConfig.bybitLinear(), List.of(KEY), null, faults, 1);
        try (PaperExchangeServer server = PaperExchangeService.start(exchange)) {
            server.scaleRateLimits(1000);
            MarketClock.Manual clock = (MarketClock.Manual) server.venue().clock();
            var req = new LiveRequest(live, URI.create(server.url()), URI.create(server.publicStream()), KEY, model, List.of(sym), null, false,
                    RiskLimits.defaults(), PolicySpec.rule(new FusionConfig(0.01, 1, 1.5, 2.5, 0.3, 0.01)), KillSwitch.Policy.STOP_OPENING, false, null);
            try (LiveService.Session s = LiveService.start(req, said::add)) {
                for (int b = start; b < start + 40; b++) {
                    long before = s.handled();
                    clock.set(bars.openTimeMillis(b + 1) + 1_000);
                    server.venue().sync();
                    for (int i = 0; i < 400 && s.handled() == before; i++) Thread.sleep(5);
                    if (s.handled() == before) s.poll();
                }
                assertTrue(s.engine().counts().sent() >= 5, "orders were signed and sent: " + s.engine().counts());
            }
            assertTrue(server.lostAnswers() > 0, "the venue lost order answers");
        } finally {
            root.removeHandler(capture);
        }
        assertFalse(logged.isEmpty(), "the client logged what it resolved");
        List<Path> files;
        try (var w = Files.walk(live)) {
            files = w.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.size() >= 5, "journals, order log, events, status, outcomes: " + files);
        List<io.tatra.journal.Outcome> outcomes = io.tatra.journal.JournalReader.read(live.resolve("outcomes.jsonl"), io.tatra.journal.Outcome.class).records();
        assertFalse(outcomes.isEmpty(), "the session journals the outcomes of its fills");
        assertTrue(outcomes.stream().noneMatch(o -> o.decisionId().contains("-trade-")), "each linked to the decision that opened it: " + outcomes);
        for (Path f : files) assertFalse(Files.readString(f).contains(SECRET), f + " holds the API secret");
        for (String line : said) assertFalse(line.contains(SECRET), "said: " + line);
        for (String line : logged) assertFalse(line.contains(SECRET), "logged: " + line);
    }
}
