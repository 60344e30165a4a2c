package io.tatra.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tatra.TatraException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Every strategy variant ever backtested in a home, one JSON line each ({@code trials.jsonl}): the deflated
 * Sharpe ratio counts them, so trying many variants and keeping the best shows as overfitting instead of skill.
 */
public final class TrialLog {
    private static final ObjectMapper JSON = io.tatra.Json.MAPPER;

    /** One tried variant: a description of everything that was varied, and its per-bar Sharpe over {@code bars}. */
    public record Trial(String time, String variant, double sharpePerBar, long bars) {}

    private final Path file;

    public TrialLog(Path file) { this.file = file; }

    /** The trials so far; a malformed line is an error naming the file and line, not skipped. */
    public List<Trial> read() {
        if (!Files.exists(file)) return List.of();
        List<Trial> out = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) continue;
                try {
                    out.add(JSON.readValue(lines.get(i), Trial.class));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new TatraException(file + ":" + (i + 1) + ": not a trial record (" + e.getOriginalMessage() + ")");
                }
            }
        } catch (IOException e) {
            throw new TatraException("cannot read the trial log " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    public void append(Trial t) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(t) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new TatraException("cannot append to the trial log " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The per-bar Sharpes the deflated Sharpe needs: one per distinct variant (re-running the same variant is not
     * another trial; its latest run counts), finite values only.
     */
    public static List<Double> sharpes(List<Trial> trials) {
        java.util.Map<String, Double> latest = new java.util.LinkedHashMap<>();
        for (Trial t : trials) latest.put(t.variant(), t.sharpePerBar());
        return latest.values().stream().filter(Double::isFinite).toList();
    }
}
