package io.tatra.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Values the config records refuse, typed as options: every one is a user mistake (exit 2, a message naming the
 * option, no stack trace), never an internal error (exit 70), which is kept for broken contracts inside.
 */
class UserMistakeTest extends CliHarness {
    @Test
    void refusedOptionValuesExitTwoAndNameTheOption() {
        String h = home.toString();
        assertEquals(0, run("demo", "--home", h, "--symbol-count", "1", "--bars", "300", "--data-only"));
        String[] data = {"--home", h, "--symbols", "SYN01USDT", "--interval", "1h", "--size", "tiny"};
        List<String[]> cases = List.of(
                args(data, "backtest", "--walk-forward", "2000/500/500", "--fee", "-1"),
                args(data, "backtest", "--walk-forward", "2000/500/500", "--leverage", "0"),
                args(data, "backtest", "--walk-forward", "2000/500/500", "--risk", "5"),
                args(data, "backtest", "--walk-forward", "2000/500/500", "--epochs", "0"),
                args(data, "backtest", "--walk-forward", "2000/500/500", "--entry-quantile", "1.5"),
                args(data, "backtest", "--walk-forward", "2000/500/500", "--min-hold", "-1"),
                args(data, "evaluate", "--seeds", "0"),
                args(data, "evaluate", "--confidence", "2"),
                args(data, "evaluate", "--probe-epochs", "0"),
                args(data, "train", "--epochs", "0", "--out", home.resolve("m").toString()),
                args(data, "train", "--threads", "0", "--out", home.resolve("m").toString()),
                args(data, "train", "--threads", "10000", "--out", home.resolve("m").toString()),
                args(data, "train", "--head-hidden", "-1", "--out", home.resolve("m").toString()),
                args(data, "train", "--learning-rate", "0", "--out", home.resolve("m").toString()),
                args(new String[]{"--home", h, "--symbols", "SYN01USDT,SYN01USDT", "--interval", "1h"}, "train", "--out", home.resolve("m").toString()),
                args(new String[]{"--home", h}, "dataset", "build", "--symbols", "SYN01USDT,SYN01USDT", "--interval", "1h", "--horizon", "4"),
                args(data, "backtest", "--walk-forward", "2000/500/500", "--funding", home.resolve("nonexistent").toString()),
                args(data, "pretrain", "--objectives", "telepathy", "--out", home.resolve("e").toString()),
                args(data, "pretrain", "--batches", "-3", "--out", home.resolve("e").toString()),
                args(new String[]{"--home", h}, "generate", "--bars", "0"),
                args(new String[]{"--home", h}, "generate", "--symbol-count", "0"),
                args(new String[]{"--home", h}, "dataset", "build", "--symbols", "SYN01USDT", "--interval", "1h", "--horizon", "4", "--test-share", "2"),
                args(new String[]{"--home", h}, "dataset", "build", "--symbols", "SYN01USDT", "--interval", "1h", "--horizon", "0"),
                args(new String[]{"--home", h}, "export", "--symbol", "SYN01USDT", "--interval", "1h", "--from", "2023-01-01", "--to", "2022-01-01",
                        "--out", home.resolve("x.csv").toString()),
                args(new String[]{"--home", h}, "decide", "--model", home.toString(), "--symbol", "SYN01USDT", "--risk", "-1"),
                args(new String[]{"--home", h}, "download", "--symbols", "BTCUSDT", "--interval", "1h", "--from", "2024-01-01", "--venue", "ftp://example.org"),
                args(new String[]{"--home", h}, "download", "--symbols", "BTCUSDT", "--interval", "8h", "--from", "2024-01-01", "--venue", "http://127.0.0.1:1"),
                args(new String[]{"--home", h}, "download", "--symbols", "BTCUSDT,BTCUSDT", "--interval", "1h", "--from", "2024-01-01", "--venue", "http://127.0.0.1:1"),
                args(new String[]{"--home", h}, "download", "--symbols", "BTCUSDT", "--interval", "1h", "--from", "2024-01-01", "--to", "2023-01-01", "--venue", "http://127.0.0.1:1"),
                args(new String[]{"--home", h}, "download", "--symbols", "BTCUSDT", "--interval", "1h", "--from", "2024-01-01", "--venue", "http://127.0.0.1:1"),
                args(new String[]{"--home", h}, "exchange", "serve", "--symbols", "SYN01USDT", "--interval", "1h", "--speed", "-1", "--duration", "1"),
                args(new String[]{"--home", h}, "exchange", "serve", "--symbols", "SYN01USDT", "--interval", "1h", "--port", "70000", "--duration", "1"),
                args(new String[]{"--home", h}, "exchange", "serve", "--symbols", "SYN01USDT", "--interval", "1h", "--key-file", home.resolve("no.key").toString(), "--duration", "1"),
                args(new String[]{"--home", h}, "exchange", "serve", "--symbols", "NOSUCHUSDT", "--interval", "1h", "--key-file", keyFile(), "--duration", "1"),
                args(new String[]{"--home", h}, "exchange", "serve", "--symbols", "SYN01USDT", "--interval", "1h", "--key-file", keyFile(), "--faults", faultFile(), "--duration", "1"),
                args(new String[]{"--home", h}, "exchange", "serve", "--symbols", "SYN01USDT", "--interval", "1h", "--key-file", keyFile(), "--faults",
                        home.resolve("none.json").toString(), "--duration", "1"),
                args(new String[]{"--home", h}, "paper", "--model", home.toString(), "--symbols", "SYN01USDT"),
                args(new String[]{"--home", h}, "paper", "--model", home.toString(), "--symbols", "SYN01USDT", "--speed", "-1"),
                args(new String[]{"--home", h}, "live", "--model", home.toString(), "--symbols", "SYN01USDT", "--port", "9", "--kill-policy", "panic"),
                args(new String[]{"--home", h}, "live", "--model", home.toString(), "--symbols", "SYN01USDT", "--venue", "paper"),
                args(new String[]{"--home", h}, "paper", "--model", home.toString(), "--symbols", "SYN01USDT", "--retrain-every", "0"),
                args(new String[]{"--home", h}, "paper", "--model", home.toString(), "--symbols", "SYN01USDT", "--retrain-every", "10", "--retrain-alpha", "0.9"),
                args(new String[]{"--home", h}, "retrain", "--model", home.toString()),
                args(new String[]{"--home", h}, "retrain", "--model", home.toString(), "--test-bars", "3"),
                args(new String[]{"--home", h}, "model", "list", "--model", home.resolve("nomodel").toString()),
                args(new String[]{"--home", h}, "model", "rollback", "--model", home.toString()),
                args(new String[]{"--home", h}, "model", "promote", "--model", home.toString(), "--version", "v2"));
        List<String> wrong = new ArrayList<>();
        for (String[] a : cases) {
            int rc = run(a);
            if (rc != 2 || err().contains("\tat ") || err().contains("internal error")) wrong.add(String.join(" ", a) + " → exit " + rc + ": " + err().lines().findFirst().orElse(""));
            else assertTrue(err().startsWith("tatra: ") || err().contains("Invalid value") || err().contains("--"), String.join(" ", a) + ": " + err());
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertEquals(2, run(args(new String[]{"--home", h}, "exchange", "serve", "--symbols", "SYN01USDT", "--interval", "1h", "--key-file", keyFile(), "--faults",
                home.resolve("none.json").toString(), "--duration", "1")));
        assertTrue(err().contains("none.json: no such file"), "a missing file is said in words: " + err());
    }

    /** A private key file (values of the test's choosing). */
    private String keyFile() {
        try {
            java.nio.file.Path f = home.resolve("paper.key");
            java.nio.file.Files.writeString(f, "key=PAPERKEY0000001\nsecret=PAPERSECRET00000000001\n");
            java.nio.file.Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            return f.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A fault plan with a share outside [0, 1]. */
    private String faultFile() {
        try {
            java.nio.file.Path f = home.resolve("faults.json");
            java.nio.file.Files.writeString(f, "{\"rateLimitShare\": 1.5}");
            return f.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String[] args(String[] common, String... command) {
        // the command words first, then the shared options
        List<String> out = new ArrayList<>();
        int words = command.length;
        for (int i = 0; i < command.length; i++) if (command[i].startsWith("--")) { words = i; break; }
        for (int i = 0; i < words; i++) out.add(command[i]);
        out.addAll(List.of(common));
        for (int i = words; i < command.length; i++) out.add(command[i]);
        return out.toArray(String[]::new);
    }
}
