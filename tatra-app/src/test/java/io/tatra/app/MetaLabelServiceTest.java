package io.tatra.app;

import io.tatra.TatraException;
import io.tatra.gbm.GbmConfig;
import io.tatra.journal.Decision;
import io.tatra.journal.JournalWriter;
import io.tatra.journal.Outcome;
import io.tatra.journal.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class MetaLabelServiceTest {
    @TempDir Path dir;
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    /** A run directory: a decision every hour; the trades a high "p_up" opens win more often. */
    static void journals(Path run, int n, long seed) {
        Random r = new Random(seed);
        try (JournalWriter<Decision> d = JournalWriter.open(run.resolve("decisions.jsonl"), Decision.class, JournalWriter.Durability.FLUSH);
             JournalWriter<Outcome> o = JournalWriter.open(run.resolve("outcomes.jsonl"), Outcome.class, JournalWriter.Durability.FLUSH)) {
            for (int i = 0; i < n; i++) {
                double pUp = r.nextDouble();
                Instant t = T0.plusSeconds(3600L * i);
                boolean trade = i % 5 != 4;
                d.append(new Decision("BTCUSDT-" + i, t, "BTCUSDT", trade ? Signal.BUY : Signal.HOLD, 100, 0.6, Map.of("p_up", pUp)));
                if (!trade) continue;
                boolean win = r.nextDouble() < 0.2 + 0.6 * pUp;
                double exit = win ? 101 : 99;
                o.append(new Outcome("BTCUSDT-" + i, 100, exit, (exit - 100) * 10 - 1, win, win, t, t.plusSeconds(7200)));
            }
        }
    }

    @Test
    void trainsFromJournalDirectoriesAndWritesAModelDirectory() throws Exception {
        Path a = Files.createDirectories(dir.resolve("run-a")), b = Files.createDirectories(dir.resolve("run-b"));
        journals(a, 1_200, 1);
        journals(b, 1_200, 2); // the same hours again in a second run: ids differ only if the runs differ, so give b its own ids
        List<String> lines = Files.readAllLines(b.resolve("decisions.jsonl")), outs = Files.readAllLines(b.resolve("outcomes.jsonl"));
        Files.write(b.resolve("decisions.jsonl"), lines.stream().map(l -> l.replace("BTCUSDT-", "ETHUSDT-").replace("\"symbol\":\"BTCUSDT\"", "\"symbol\":\"ETHUSDT\"")).toList());
        Files.write(b.resolve("outcomes.jsonl"), outs.stream().map(l -> l.replace("BTCUSDT-", "ETHUSDT-")).toList());
        List<String> log = new ArrayList<>();
        Path out = dir.resolve("meta");
        MetaLabelService.Result r = MetaLabelService.run(dir, new MetaLabelService.Request(List.of(a, b), null, 0.2, 0.25, Duration.ofHours(6),
                GbmConfig.defaults(1).withThreads(1), out, false), log::add);
        assertEquals(1_920, r.join().examples().size(), "4 of every 5 decisions opened a trade, in both runs");
        assertEquals(480, r.join().holds());
        assertTrue(r.report().testAuc() > 0.6, "AUC " + r.report().testAuc());
        assertTrue(r.report().acceptedTest().netWinRate() > r.report().allTest().netWinRate(), r.report().toString());
        for (String f : List.of("meta.json", "win_30m.txt", "win_5m.txt", "return.txt")) assertTrue(Files.isRegularFile(out.resolve(f)), f);
        String meta = Files.readString(out.resolve("meta.json"));
        assertTrue(meta.contains("\"threshold\"") && meta.contains("run-a") && meta.contains("decision.p_up"), meta);
        assertThrows(TatraException.class, () -> MetaLabelService.run(dir, new MetaLabelService.Request(List.of(a), null, 0.2, 0.25, Duration.ZERO,
                GbmConfig.defaults(1), out, false), line -> {}), "an existing --out is refused without --force");
    }

    @Test
    void aBadJournalLineIsRefusedWithItsFileAndLineAndATornTailIsSkipped() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        journals(run, 400, 3);
        List<String> lines = new ArrayList<>(Files.readAllLines(run.resolve("outcomes.jsonl")));
        Files.writeString(run.resolve("outcomes.jsonl"), String.join("\n", lines) + "\n{\"decisionId\":\"BTCUSDT-9");
        List<String> log = new ArrayList<>();
        MetaLabelService.run(dir, new MetaLabelService.Request(List.of(run), null, 0.2, 0.25, Duration.ZERO, GbmConfig.defaults(1).withThreads(1), null, false), log::add);
        assertTrue(log.stream().anyMatch(l -> l.contains("torn last line")), log.toString());
        lines.set(5, "{\"decisionId\":\"x\",\"entryPrice\":-1}");
        Files.write(run.resolve("outcomes.jsonl"), lines);
        TatraException e = assertThrows(TatraException.class, () -> MetaLabelService.run(dir, new MetaLabelService.Request(List.of(run), null, 0.2, 0.25,
                Duration.ZERO, GbmConfig.defaults(1), null, false), line -> {}));
        assertTrue(e.getMessage().contains("outcomes.jsonl") && e.getMessage().contains("line 6"), e.getMessage());
    }
}
