package io.tatra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class AtomicWriteTest {
    @TempDir Path dir;

    @Test
    void aFailureMidwayLeavesThePreviousVersionWholeAndNoTemporaryBehind() throws IOException {
        Path model = dir.resolve("model");
        AtomicWrite.directory(model, AtomicWrite.Existing.REFUSE, d -> {
            write(d.resolve("card.json"), "v1");
            write(d.resolve("weights"), "w1");
        });
        assertEquals("v1", Files.readString(model.resolve("card.json")));
        // version 2 dies after writing new weights, before its card: the reader must still see v1 with w1
        var boom = assertThrows(IllegalStateException.class, () -> AtomicWrite.directory(model, AtomicWrite.Existing.REPLACE, d -> {
            write(d.resolve("weights"), "w2");
            throw new IllegalStateException("disk full (simulated)");
        }));
        assertEquals("disk full (simulated)", boom.getMessage());
        assertEquals("v1", Files.readString(model.resolve("card.json")));
        assertEquals("w1", Files.readString(model.resolve("weights")));
        assertEquals(List.of("model"), names(dir), "no temporary sibling left");
        // a successful replace swaps the whole directory: no file of v1 survives
        AtomicWrite.directory(model, AtomicWrite.Existing.REPLACE, d -> write(d.resolve("card.json"), "v3"));
        assertEquals("v3", Files.readString(model.resolve("card.json")));
        assertFalse(Files.exists(model.resolve("weights")), "old files do not mix with new ones");
        assertEquals(List.of("model"), names(dir));
    }

    @Test
    void existingTargetsAreRefusedBeforeAnyWork() throws IOException {
        Path model = dir.resolve("m");
        Files.createDirectory(model);
        var e = assertThrows(TatraException.class, () -> AtomicWrite.checkTarget(model, true, AtomicWrite.Existing.REFUSE, "--force"));
        assertTrue(e.getMessage().contains("already exists") && e.getMessage().contains("--force"), e.getMessage());
        Path file = dir.resolve("f.txt");
        Files.writeString(file, "x");
        assertTrue(assertThrows(TatraException.class, () -> AtomicWrite.checkTarget(file, true, AtomicWrite.Existing.REPLACE, null))
                .getMessage().contains("is a file"));
        assertTrue(assertThrows(TatraException.class, () -> AtomicWrite.checkTarget(file.resolve("sub"), true, AtomicWrite.Existing.REFUSE, null))
                .getMessage().contains("not a directory"));
        int[] calls = {0};
        assertThrows(TatraException.class, () -> AtomicWrite.directory(model, AtomicWrite.Existing.REFUSE, d -> calls[0]++));
        assertEquals(0, calls[0], "refused before the writer ran");
    }

    @Test
    void textReplacesAFileWhole() throws IOException {
        Path f = dir.resolve("result.json");
        AtomicWrite.text(f, "{\"a\":1}");
        AtomicWrite.text(f, "{\"a\":2}");
        assertEquals("{\"a\":2}", Files.readString(f));
        assertEquals(List.of("result.json"), names(dir));
    }

    private static void write(Path p, String s) {
        try {
            Files.writeString(p, s);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
