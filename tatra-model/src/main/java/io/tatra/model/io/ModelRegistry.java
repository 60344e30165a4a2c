package io.tatra.model.io;

import io.tatra.AtomicWrite;
import io.tatra.TatraException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Every version of a deployed model, kept with its card: a directory holding {@code registry.json} (which version is
 * current, each version's status and comparison, the history of promotions and roll-backs) and
 * {@code versions/v1/}, {@code versions/v2/}, … (plain model directories, never changed once written).
 *
 * <p>Wherever a model directory is read ({@link ModelStore#card}, {@link ModelStore#load}), a registry stands for its
 * current version, so {@code tatra live --model DIR} keeps working after {@code tatra retrain --model DIR}. A plain
 * model directory becomes a registry (as {@code v1}) the first time it is retrained, atomically. Changes to
 * {@code registry.json} are atomic and made under a lock: a second retrain of the same registry is refused.
 */
public final class ModelRegistry implements AutoCloseable {
    public static final String FILE = "registry.json", FORMAT = "tatra-registry-1";
    private static final String VERSIONS = "versions";

    /** A version's standing: trained and not (yet) judged, promoted at some time, or refused by its comparison. */
    public enum Status { CANDIDATE, PROMOTED, REJECTED }

    /**
     * One version.
     *
     * @param parent     the version that was current when this one was trained (null for the first)
     * @param seenTo     the last bar whose data shaped its weights (the card's)
     * @param comparison the retrain's comparison with its parent (metrics, test, decision), or empty
     */
    public record Version(String id, String createdAt, Status status, String parent, String seenTo, String note, Map<String, Object> comparison) {
        public Version {
            if (id == null || !id.matches("v[0-9]{1,6}")) throw new IllegalArgumentException("version id must be v<number>, got " + id);
            if (status == null) throw new IllegalArgumentException("status is required");
            comparison = comparison == null ? Map.of() : Map.copyOf(comparison);
        }

        Version withStatus(Status s) { return new Version(id, createdAt, s, parent, seenTo, note, comparison); }
    }

    /** A change of the current version: {@code action} is "create", "promote" or "rollback". */
    public record Event(String at, String action, String from, String to, String reason) {}

    /** The content of {@code registry.json}. */
    public record State(String format, String current, List<Version> versions, List<Event> history) {
        public State {
            versions = versions == null ? List.of() : List.copyOf(versions);
            history = history == null ? List.of() : List.copyOf(history);
        }

        public Version version(String id) {
            return versions.stream().filter(v -> v.id().equals(id)).findFirst()
                    .orElseThrow(() -> new TatraException("no version '" + id + "'; versions: " + versions.stream().map(Version::id).toList()));
        }
    }

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private ModelRegistry(Path dir, FileChannel ch, FileLock lock) {
        this.dir = dir;
        this.lockChannel = ch;
        this.lock = lock;
    }

    /** True when {@code dir} holds a registry. */
    public static boolean isRegistry(Path dir) { return Files.isRegularFile(dir.resolve(FILE)); }

    /** The model directory {@code dir} stands for: its current version if it is a registry, else itself. */
    public static Path resolve(Path dir) {
        if (!isRegistry(dir)) return dir;
        return dir.resolve(VERSIONS).resolve(read(dir).current());
    }

    /** Reads a registry's state (no lock: the file is only ever replaced whole). */
    public static State read(Path dir) {
        Path f = dir.resolve(FILE);
        State s;
        try {
            s = io.tatra.Json.MAPPER.readValue(f.toFile(), State.class);
        } catch (IOException e) {
            throw new TatraException(f + ": not a readable model registry: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(s.format())) throw new TatraException(f + ": format '" + s.format() + "' is not " + FORMAT + "; this build cannot read it");
        if (s.current() == null || s.versions().stream().noneMatch(v -> v.id().equals(s.current())))
            throw new TatraException(f + ": current version '" + s.current() + "' is not among its versions");
        return s;
    }

    /**
     * Opens {@code dir} for changes, under its lock; a plain model directory is first turned into a registry whose
     * {@code v1} is that model. Refuses a directory that is neither, and a registry another process is changing.
     */
    public static ModelRegistry open(Path dir) {
        if (!isRegistry(dir)) {
            ModelCard card = ModelStore.card(dir);
            ModelStore.verifyFiles(dir, card);
            AtomicWrite.directory(dir, AtomicWrite.Existing.REPLACE, tmp -> {
                Path v1 = tmp.resolve(VERSIONS).resolve("v1");
                copyTree(dir, v1);
                String now = Instant.now().toString();
                write(tmp, new State(FORMAT, "v1", List.of(new Version("v1", card.createdAt(), Status.PROMOTED, null, card.seenTo(), "the model before its first retrain", Map.of())),
                        List.of(new Event(now, "create", null, "v1", "registry created from " + dir))));
            });
        }
        try {
            FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw new TatraException("model registry " + dir + " is being changed by another retrain; try again when it ends");
            }
            read(dir);
            return new ModelRegistry(dir, ch, l);
        } catch (IOException e) {
            throw new TatraException("cannot lock model registry " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path dir() { return dir; }

    public State state() { return read(dir); }

    public Path versionDir(String id) { return dir.resolve(VERSIONS).resolve(id); }

    /** The id the next version gets. */
    public String nextId() {
        int max = 0;
        for (Version v : state().versions()) max = Math.max(max, Integer.parseInt(v.id().substring(1)));
        return "v" + (max + 1);
    }

    /** Writes a new version's model (through {@code writeModel}, given the version's directory) and records it. */
    public Version add(Version v, Consumer<Path> writeModel) {
        State s = state();
        if (s.versions().stream().anyMatch(x -> x.id().equals(v.id()))) throw new IllegalArgumentException("version " + v.id() + " exists");
        Path target = versionDir(v.id());
        if (Files.exists(target)) AtomicWrite.deleteQuietly(target); // left by a run that died before recording it
        writeModel.accept(target);
        List<Version> vs = new ArrayList<>(s.versions());
        vs.add(v);
        write(dir, new State(FORMAT, s.current(), vs, s.history()));
        return v;
    }

    /** Makes {@code id} current (marking it promoted); {@code action} "promote" or "rollback" goes to the history. */
    public void makeCurrent(String id, String action, String reason) {
        State s = state();
        Version target = s.version(id);
        if (id.equals(s.current())) throw new TatraException(id + " is already the current version");
        List<Version> vs = new ArrayList<>();
        for (Version v : s.versions()) vs.add(v.id().equals(id) ? target.withStatus(Status.PROMOTED) : v);
        List<Event> h = new ArrayList<>(s.history());
        h.add(new Event(Instant.now().toString(), action, s.current(), id, reason));
        write(dir, new State(FORMAT, id, vs, h));
    }

    /**
     * Returns to the version that was current before the current one was made current, undoing promotions one at a
     * time (a second roll-back goes one further back, never forward again); refuses when there is none.
     */
    public String rollback(String reason) {
        State s = state();
        java.util.ArrayDeque<String> chain = new java.util.ArrayDeque<>();
        for (Event e : s.history()) {
            if ("rollback".equals(e.action())) {
                if (!chain.isEmpty()) chain.pop();
            } else chain.push(e.to());
        }
        if (chain.size() < 2 || !s.current().equals(chain.peek()))
            throw new TatraException("nothing to roll back to: " + s.current() + " is the first version in the registry's history");
        chain.pop();
        String to = chain.peek();
        makeCurrent(to, "rollback", reason);
        return to;
    }

    private static void write(Path dir, State s) {
        try {
            AtomicWrite.text(dir.resolve(FILE), io.tatra.Json.PRETTY.writeValueAsString(s));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path rel = from.relativize(p);
                if (rel.toString().isEmpty()) continue;
                Path dst = to.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(dst);
                else {
                    Files.createDirectories(dst.getParent());
                    Files.copy(p, dst);
                }
            }
        } catch (IOException e) {
            throw new TatraException("cannot copy " + from + " into the registry: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // the lock goes with the channel
        }
    }
}
