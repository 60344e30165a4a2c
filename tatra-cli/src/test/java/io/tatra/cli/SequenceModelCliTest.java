package io.tatra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** An LSTM model with design document 003's sequence heads, trained, saved and scored from the command line. */
class SequenceModelCliTest extends CliHarness {
    @Test
    void trainsAnLstmWithTheSequenceTasksAndScoresEveryHead() throws Exception {
        String h = home.toString();
        assertEquals(0, run("demo", "--home", h, "--symbol-count", "2", "--bars", "2500", "--data-only"));
        String[] data = {"--home", h, "--symbols", "SYN01USDT,SYN02USDT", "--interval", "1h", "--size", "tiny", "--threads", "1"};
        Path model = home.resolve("lstm");
        assertEquals(0, run(concat(new String[]{"train"}, data, "--encoder", "lstm", "--to", "2022-03-15",
                "--tasks", "direction,volatility,time_to_target,trend_strength,reversal,breakout,pattern", "--epochs", "2", "--batches", "5",
                "--out", model.toString())), err());
        JsonNode card = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        assertEquals("LSTM", card.get("config").get("encoder").get("kind").asText());
        assertEquals(7, card.get("tasks").size());
        assertEquals(0, run("evaluate", "--home", h, "--symbols", "SYN01USDT,SYN02USDT", "--interval", "1h", "--from", "2022-03-20", "--model", model.toString(),
                "--threads", "1", "--out", home.resolve("ev").toString()), err());
        assertTrue(out().contains("other heads"), out());
        for (String t : new String[]{"time_to_target", "trend_strength", "reversal", "breakout", "pattern"}) assertTrue(out().contains(t), t + " in " + out());
        assertTrue(out().contains("AUC") && out().contains("rank IC") && out().contains("balanced accuracy"), out());
        // design document 003's outputs of the four LSTM tasks, from the latest window (no regime head: no trend group)
        assertEquals(0, run("predict", "--home", h, "--model", model.toString(), "--symbol", "SYN01USDT"), err());
        assertTrue(out().contains("entry timing: signal") && out().contains("time to target") && out().contains("risk score 0.")
                && out().contains("stop-loss suggestion") && out().contains("pattern: ") && out().contains("breakout within"), out());
        assertFalse(out().contains("trend: "), "the model has no regime head: " + out());
        assertEquals(0, run("predict", "--home", h, "--model", model.toString(), "--symbol", "SYN01USDT", "--json"), err());
        JsonNode r = new ObjectMapper().readTree(out()).get("readout");
        double risk = r.get("volatility").get("riskScore").asDouble();
        assertTrue(risk >= 0 && risk <= 1, r.toString());
        assertTrue(java.util.List.of("range", "breakout_up", "breakout_down", "trend_continuation").contains(r.get("pattern").get("patternType").asText()), r.toString());
        double ttt = r.get("entryTiming").get("timeToTarget").asDouble();
        assertTrue(ttt >= 1 && ttt <= 4, r.toString());
        assertTrue(r.get("trend").isNull(), r.toString());
        assertEquals(2, run(concat(new String[]{"train"}, data, "--encoder", "gru", "--out", home.resolve("x").toString())));
        assertTrue(err().contains("--encoder must be attention or lstm"), err());
    }
}
