package io.tatra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** features → dataset build → data audit, end to end on a small synthetic market, and their error messages. */
class DatasetCliTest extends CliHarness {
    @Test
    void featuresDatasetAndAudit() throws Exception {
        String h = home.toString();
        assertEquals(0, run("demo", "--home", h, "--symbol-count", "2", "--bars", "2500", "--data-only"));
        assertEquals(0, run("features", "--home", h, "--symbol", "SYN01USDT", "--interval", "1h", "--json"));
        JsonNode f = io.tatra.Json.MAPPER.readTree(out());
        assertEquals(2500, f.get("rows").asInt());
        assertEquals(2500 - 150, f.get("complete_rows").asInt());
        assertEquals(64, f.get("features").size());
        Path csv = home.resolve("f.csv"), pq = home.resolve("f.parquet");
        assertEquals(0, run("features", "--home", h, "--symbol", "SYN01USDT", "--interval", "1h", "--out", csv.toString()));
        assertEquals(2501, Files.readAllLines(csv).size());
        assertTrue(Files.readAllLines(csv).get(0).startsWith("open_time,ret_1,ret_2"));
        assertEquals(0, run("features", "--home", h, "--symbol", "SYN01USDT", "--interval", "1h", "--out", pq.toString()));
        assertTrue(Files.size(pq) > 10_000);

        Path ds = home.resolve("ds");
        assertEquals(0, run("dataset", "build", "--home", h, "--symbols", "SYN01USDT,SYN02USDT", "--interval", "1h", "--horizon", "4", "--out", ds.toString()));
        String text = out();
        assertTrue(text.contains("SYN02USDT") && text.contains("walk-forward-4"), text);
        assertEquals(0, run("data", "audit", ds.toString(), "--json"));
        JsonNode audit = io.tatra.Json.MAPPER.readTree(out());
        assertTrue(audit.get("passed").asBoolean());
        assertEquals(8, audit.get("checks").size());

        // a tampered normalization fails the audit with exit 1
        Path norm = ds.resolve("normalization/fold-1.json");
        JsonNode n = io.tatra.Json.MAPPER.readTree(norm.toFile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) n.get("center")).set(0, 0.123);
        io.tatra.Json.MAPPER.writeValue(norm.toFile(), n);
        assertEquals(1, run("data", "audit", ds.toString()));
        assertTrue(out().contains("FAIL normalization-train-only"), out());
    }

    @Test
    void clearErrors() {
        String h = home.toString();
        assertEquals(0, run("demo", "--home", h, "--symbol-count", "1", "--bars", "120", "--data-only"));
        assertEquals(2, run("features", "--home", h, "--symbol", "NOPEUSDT", "--interval", "1h"));
        assertTrue(err().contains("no NOPEUSDT 1h bars") && err().contains("SYN01USDT"), err());
        assertEquals(2, run("features", "--home", h, "--symbol", "SYN01USDT", "--interval", "1h"));
        assertTrue(err().contains("warm-up"), err());
        assertEquals(2, run("dataset", "build", "--home", h, "--symbols", "SYN01USDT", "--interval", "1h", "--horizon", "4"));
        assertTrue(err().contains("gap-free bars"), err());
        assertEquals(2, run("dataset", "build", "--home", h, "--symbols", "SYN01USDT", "--interval", "1h", "--horizon", "4", "--split", "sideways"));
        assertTrue(err().contains("unknown split"), err());
        assertEquals(2, run("data", "audit", home.resolve("missing").toString()));
        assertTrue(err().contains("manifest.json"), err());
        assertFalse(err().contains("\tat "), "no stack trace for user mistakes");
    }
}
