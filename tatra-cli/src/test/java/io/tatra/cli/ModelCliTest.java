package io.tatra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ModelCliTest extends CliHarness {
    @Test
    void pretrainTrainAddHeadPredict() throws Exception {
        String h = home.toString();
        assertEquals(0, run("demo", "--home", h, "--symbols", "2", "--bars", "2500"));
        String[] data = {"--home", h, "--symbols", "SYN01USDT,SYN02USDT", "--interval", "1h", "--size", "tiny", "--threads", "1"};
        Path enc = home.resolve("enc"), model = home.resolve("model");
        assertEquals(0, run(concat(new String[]{"pretrain"}, data, "--epochs", "1", "--batches", "4", "--out", enc.toString())), err());
        assertTrue(Files.isRegularFile(enc.resolve("encoder.params")));
        assertEquals(0, run(concat(new String[]{"train"}, data, "--epochs", "2", "--batches", "5", "--balance", "pcgrad",
                "--from-encoder", enc.toString(), "--out", model.toString(), "--json")), err());
        JsonNode summary = new ObjectMapper().readTree(out());
        assertTrue(summary.get("best_epoch").asInt() >= 1);
        assertTrue(err().contains("conflicts"), "PCGrad should log its conflict rate: " + err());
        JsonNode card = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        assertEquals("unified", card.get("kind").asText());
        assertEquals(4, card.get("tasks").size());
        assertEquals(enc.toString(), card.get("pretrainedFrom").asText());
        assertEquals(0, run(concat(new String[]{"add-head", "win"}, data, "--model", model.toString(), "--epochs", "2")), err());
        assertTrue(out().contains("frozen encoder"), out());
        assertEquals(0, run("predict", "--home", h, "--model", model.toString(), "--symbol", "SYN01USDT"), err());
        assertTrue(out().contains("Direction: Up ") && out().contains("Regime: Bull ") && out().contains("Volatility: ")
                && out().contains("Return: ") && out().contains("Win "), out());
        // mistakes: unknown balance, unknown task, a head the model already has, not a model directory
        assertEquals(2, run(concat(new String[]{"train"}, data, "--balance", "magic", "--out", home.resolve("x").toString())));
        assertTrue(err().contains("ew, uw, dwa, gradnorm, pcgrad"), err());
        assertEquals(2, run(concat(new String[]{"add-head", "telepathy"}, data, "--model", model.toString())));
        assertTrue(err().contains("unknown task"), err());
        assertEquals(2, run(concat(new String[]{"add-head", "win"}, data, "--model", model.toString())));
        assertTrue(err().contains("already has"), err());
        assertEquals(2, run("predict", "--home", h, "--model", home.toString(), "--symbol", "SYN01USDT"));
        assertTrue(err().contains("no model.json"), err());
    }

    private static String[] concat(String[] a, String[] b, String... c) {
        String[] out = new String[a.length + b.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }
}
