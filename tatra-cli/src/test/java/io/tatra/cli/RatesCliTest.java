package io.tatra.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Funding and open-interest files go into the store through `tatra import`, as candles do. */
class RatesCliTest extends CliHarness {
    @Test
    void fundingAndOpenInterestImportIdempotentlyAndShowInTheList() throws Exception {
        String h = home.toString();
        Path gen = home.resolve("gen");
        assertEquals(0, run("generate", "--symbol-count", "1", "--bars", "600", "--out", gen.toString()), err());
        Path funding = gen.resolve("SYN01USDT_funding.csv"), oi = gen.resolve("SYN01USDT_open_interest.csv");
        assertEquals(0, run("import", "--home", h, gen.resolve("SYN01USDT_1h.csv").toString(), funding.toString(), oi.toString()), out() + err());
        assertTrue(out().contains("SYN01USDT funding (tatra-funding-csv), 75 points") && out().contains("75 added"), out());
        assertTrue(out().contains("open-interest (tatra-open-interest-csv), 600 points"), out());
        assertEquals(0, run("import", "--home", h, funding.toString()));
        assertTrue(out().contains("0 added, 75 already stored"), out());
        assertEquals(0, run("data", "list", "--home", h));
        assertTrue(out().contains("funding rates:") && out().contains("open interest:"), out());
        Path bad = home.resolve("SYN01USDT_funding.csv");
        Files.writeString(bad, "timestamp,funding_rate\n2022-01-01T00:00:00Z,0.0001\n2022-01-01T08:00:00Z,12\n");
        assertEquals(1, run("import", "--home", h, bad.toString()));
        assertTrue(out().contains("REFUSED") && out().contains("SYN01USDT_funding.csv:3: funding rate 12 is not a fraction"), out());
    }

    @Test
    void orderBooksImportIdempotentlyAndABadLineRefusesTheFile() throws Exception {
        String h = home.toString();
        Path gen = home.resolve("gen");
        assertEquals(0, run("generate", "--symbol-count", "1", "--bars", "300", "--books", "--out", gen.toString()), err());
        Path books = gen.resolve("SYN01USDT_books.jsonl");
        assertEquals(300, Files.readAllLines(books).size(), "one book per bar");
        assertEquals(0, run("import", "--home", h, gen.resolve("SYN01USDT_1h.csv").toString()), out() + err());
        // books as features with none stored: refused before any training, with what to do
        assertEquals(2, run("train", "--home", h, "--symbols", "SYN01USDT", "--interval", "1h", "--size", "tiny", "--books", "--out", home.resolve("m").toString()));
        assertTrue(err().contains("the store holds no order book for [SYN01USDT]") && err().contains("tatra import SYMBOL_books.jsonl"), err());
        assertEquals(0, run("import", "--home", h, books.toString()), out() + err());
        assertTrue(out().contains("SYN01USDT order-books, 300 points") && out().contains("300 added"), out());
        assertEquals(0, run("import", "--home", h, books.toString()));
        assertTrue(out().contains("0 added, 300 already stored"), out());
        assertEquals(0, run("data", "list", "--home", h));
        assertTrue(out().contains("order books (snapshots; features with --books):"), out());
        java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(books).subList(0, 5));
        lines.set(3, lines.get(3).replaceFirst("\\[\\[([0-9.]+),", "[[-$1,")); // a negative best bid on line 4
        Path bad = home.resolve("bad_books.jsonl");
        Files.write(bad, lines);
        assertEquals(1, run("import", "--home", h, bad.toString()));
        assertTrue(out().contains("REFUSED") && out().contains("bad_books.jsonl:4:") && out().contains("nothing was imported"), out());
    }
}
