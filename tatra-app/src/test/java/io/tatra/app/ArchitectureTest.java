package io.tatra.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Keeps the house clean as it grows, from the sources of every module: what each module may depend on, no
 * package cycles, and {@code market} at the bottom. References count whether imported or fully qualified.
 */
class ArchitectureTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    static final Pattern TATRA_REF = Pattern.compile("\\bio\\.tatra\\.((?:[a-z_]\\w*\\.)*)[A-Z]\\w*");
    static final Pattern COMMENT = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
    /** A string literal; runs of plain characters are matched possessively, so long literals do not overflow the regex stack. */
    static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\\n]++|\\\\.)*+\"");

    /** Libraries that must never reach tatra-core: native engines, databases, the network. */
    static final List<String> CORE_FORBIDDEN = List.of("ai.djl", "org.duckdb", "java.sql", "com.microsoft.ml.lightgbm", "io.github.metarank.lightgbm4j",
            "java.net.http", "java.net.Socket", "java.net.ServerSocket", "java.net.URL", "org.eclipse.jetty", "io.javalin", "jakarta.websocket", "okhttp3", "picocli");

    /** Which Tatra modules each module may reference (beyond itself). */
    static final Map<String, Set<String>> MODULES = Map.ofEntries(
            Map.entry("tatra-core", Set.of()),
            Map.entry("tatra-store", Set.of("tatra-core")),
            Map.entry("tatra-arrow", Set.of("tatra-core")),
            Map.entry("tatra-bybit", Set.of("tatra-core")),
            Map.entry("tatra-bybit-client", Set.of("tatra-core", "tatra-bybit")),
            Map.entry("tatra-exchange", Set.of("tatra-core", "tatra-bybit")),
            Map.entry("tatra-model", Set.of("tatra-core")),
            Map.entry("tatra-lightgbm", Set.of("tatra-core")),
            Map.entry("tatra-ppo", Set.of("tatra-core", "tatra-model")),
            Map.entry("tatra-app", Set.of("tatra-core", "tatra-store", "tatra-model", "tatra-lightgbm", "tatra-ppo", "tatra-bybit", "tatra-bybit-client", "tatra-exchange", "tatra-live")),
            Map.entry("tatra-cli", Set.of("tatra-core", "tatra-store", "tatra-model", "tatra-lightgbm", "tatra-ppo", "tatra-app", "tatra-bybit", "tatra-bybit-client", "tatra-exchange", "tatra-arrow", "tatra-live")),
            Map.entry("tatra-live", Set.of("tatra-core", "tatra-bybit")));

    record Source(String module, Path file, String pkg, String code) {}

    static List<Source> sources() {
        List<Source> out = new ArrayList<>();
        for (String module : MODULES.keySet()) {
            Path dir = ROOT.resolve(module).resolve("src/main/java");
            assertTrue(Files.isDirectory(dir), "module sources not found: " + dir);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f);
                    Matcher m = PACKAGE.matcher(text);
                    assertTrue(m.find(), f + " has no package");
                    out.add(new Source(module, f, m.group(1), STRING.matcher(COMMENT.matcher(text).replaceAll("")).replaceAll("\"\"")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static Map<String, String> packageModules(List<Source> src) {
        Map<String, String> out = new HashMap<>();
        for (Source s : src) out.put(s.pkg, s.module);
        return out;
    }

    static Map<String, Set<String>> packageGraph(List<Source> src) {
        Map<String, Set<String>> g = new TreeMap<>();
        for (Source s : src) {
            Set<String> to = g.computeIfAbsent(s.pkg, k -> new TreeSet<>());
            Matcher m = TATRA_REF.matcher(s.code);
            while (m.find()) {
                String p = "io.tatra" + (m.group(1).isEmpty() ? "" : "." + m.group(1).substring(0, m.group(1).length() - 1));
                if (!p.equals(s.pkg)) to.add(p);
            }
        }
        return g;
    }

    @Test
    void coreImportsNoEngineDatabaseOrNetworkLibrary() {
        List<String> bad = new ArrayList<>();
        for (Source s : sources())
            if (s.module.equals("tatra-core"))
                for (String lib : CORE_FORBIDDEN) if (s.code.contains(lib + ".") || s.code.contains("import " + lib + ";")) bad.add(ROOT.relativize(s.file) + " uses " + lib);
        assertEquals(List.of(), bad);
    }

    /** One module per native family (Tribuo's rule): PyTorch only in tatra-model, LightGBM only in tatra-lightgbm. */
    @Test
    void eachNativeLibraryStaysInItsOwnModule() {
        Map<String, List<String>> forbidden = Map.of(
                "tatra-model", List.of("com.microsoft.ml.lightgbm", "io.github.metarank.lightgbm4j"),
                "tatra-lightgbm", List.of("ai.djl", "org.duckdb"),
                "tatra-ppo", List.of("com.microsoft.ml.lightgbm", "io.github.metarank.lightgbm4j", "org.duckdb"));
        List<String> bad = new ArrayList<>();
        for (Source s : sources())
            for (String lib : forbidden.getOrDefault(s.module, List.of()))
                if (s.code.contains(lib + ".") || s.code.contains("import " + lib + ";")) bad.add(ROOT.relativize(s.file) + " uses " + lib);
        assertEquals(List.of(), bad);
    }

    @Test
    void theVenueProtocolHasNoNetworkCode() {
        List<String> bad = new ArrayList<>();
        for (Source s : sources())
            if (s.pkg.endsWith(".protocol"))
                for (String lib : CORE_FORBIDDEN) if (s.code.contains(lib + ".") || s.code.contains("import " + lib + ";")) bad.add(ROOT.relativize(s.file) + " uses " + lib);
        assertEquals(List.of(), bad, "a protocol package is data and codecs only; the network lives in the client module");
    }

    @Test
    void modulesReferenceOnlyTheModulesBelowThem() {
        List<Source> src = sources();
        Map<String, String> moduleOf = packageModules(src);
        Map<String, Set<String>> g = packageGraph(src);
        List<String> bad = new ArrayList<>();
        for (Source s : src) {
            for (String to : g.get(s.pkg)) {
                String m = moduleOf.get(to);
                if (m != null && !m.equals(s.module) && !MODULES.get(s.module).contains(m)) bad.add(s.pkg + " (" + s.module + ") -> " + to + " (" + m + ")");
            }
        }
        assertEquals(List.of(), bad.stream().distinct().toList());
    }

    @Test
    void noPackageCycles() {
        List<List<String>> cycles = stronglyConnected(packageGraph(sources()));
        assertEquals(List.of(), cycles, "package cycles");
    }

    @Test
    void marketDependsOnNothingElseInTatra() {
        Set<String> out = new TreeSet<>(packageGraph(sources()).get("io.tatra.market"));
        out.removeIf(p -> p.startsWith("io.tatra.market"));
        assertEquals(Set.of(), out);
    }

    @Test
    void theCycleCheckFindsACycle() {
        Map<String, Set<String>> g = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertEquals(List.of(List.of("a", "b", "c")), stronglyConnected(g));
    }

    /** Tarjan's strongly connected components of size > 1, each sorted. */
    static List<List<String>> stronglyConnected(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>(), low = new HashMap<>();
        java.util.Deque<String> stack = new java.util.ArrayDeque<>();
        Set<String> on = new java.util.HashSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : new TreeSet<>(g.keySet())) if (!index.containsKey(v)) visit(v, g, index, low, stack, on, out, counter);
        return out;
    }

    private static void visit(String v, Map<String, Set<String>> g, Map<String, Integer> index, Map<String, Integer> low, java.util.Deque<String> stack,
                              Set<String> on, List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        on.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                visit(w, g, index, low, stack, on, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (on.contains(w)) low.put(v, Math.min(low.get(v), index.get(w)));
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> comp = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                on.remove(w);
                comp.add(w);
            } while (!w.equals(v));
            if (comp.size() > 1) out.add(comp.stream().sorted().toList());
        }
    }
}
