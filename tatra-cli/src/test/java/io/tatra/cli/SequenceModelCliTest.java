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
        assertEquals(2, run(concat(new String[]{"train"}, data, "--encoder", "gru", "--out", home.resolve("x").toString())));
        assertTrue(err().contains("--encoder must be attention or lstm"), err());
    }
}
