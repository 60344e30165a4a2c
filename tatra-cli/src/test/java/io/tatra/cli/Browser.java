package io.tatra.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Headless Chromium (Debian package {@code chromium}) for report tests; absent on machines without it. */
final class Browser {
    private Browser() {}

    static Path find() {
        for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) if (Files.isExecutable(Path.of(p))) return Path.of(p);
        return null;
    }

    /** The DOM after the page's scripts ran (up to 10 s of virtual time). */
    static String dumpDom(Path chromium, Path html, Path profile) throws IOException, InterruptedException {
        return run(chromium, profile, "--dump-dom", html.toUri().toString());
    }

    static void screenshot(Path chromium, Path html, Path png, Path profile) throws IOException, InterruptedException {
        run(chromium, profile, "--screenshot=" + png, "--window-size=1400,3200", html.toUri().toString());
    }

    private static String run(Path chromium, Path profile, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--virtual-time-budget=10000", "--hide-scrollbars"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) { p.destroyForcibly(); throw new IOException("chromium did not finish in 120 s"); }
        if (p.exitValue() != 0) throw new IOException("chromium exited with " + p.exitValue());
        return new String(out, StandardCharsets.UTF_8);
    }
}
