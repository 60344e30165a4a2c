package io.tatra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Every artifact Tatra writes (model, dataset and run directories, result and report files) appears whole or not
 * at all: it is written into a temporary sibling ({@code .NAME.tmp-…}, same file system) and renamed into place. A
 * failure midway — an exception, a full disk, a kill — leaves the previous version untouched and at most a
 * temporary sibling behind, never a mix of old and new files.
 */
public final class AtomicWrite {
    private AtomicWrite() {}

    /** What to do when the target already exists. */
    public enum Existing { REFUSE, REPLACE }

    /**
     * Checks before any work that {@code target} can be written: refuses an existing one unless {@code replace}
     * (say which option allows it), a target that is a file where a directory is meant (or the reverse), and a
     * parent that is not a directory.
     */
    public static void checkTarget(Path target, boolean directory, Existing existing, String forceOption) {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) throw new TatraException(target + ": " + parent + " is not a directory");
        if (!Files.exists(abs)) return;
        if (directory && !Files.isDirectory(abs)) throw new TatraException(target + " exists and is a file, not a directory; choose another path");
        if (!directory && Files.isDirectory(abs)) throw new TatraException(target + " is a directory; give a file path");
        if (existing == Existing.REFUSE)
            throw new TatraException(target + " already exists; choose another path" + (forceOption == null ? "" : " or pass " + forceOption + " to replace it"));
    }

    /** Writes a directory: {@code fill} gets an empty temporary directory, which then replaces {@code target}. */
    public static void directory(Path target, Existing existing, Consumer<Path> fill) {
        checkTarget(target, true, existing, null);
        Path abs = target.toAbsolutePath().normalize();
        Path tmp = sibling(abs, "tmp");
        try {
            Files.createDirectories(abs.getParent());
            Files.createDirectory(tmp);
            fill.accept(tmp);
            install(tmp, abs);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new TatraException("cannot write " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /** Writes a file's text (UTF-8) whole: a temporary sibling, then a rename over the old file. */
    public static void text(Path target, String text) {
        Path abs = target.toAbsolutePath().normalize();
        Path tmp = sibling(abs, "tmp");
        try {
            Files.createDirectories(abs.getParent());
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            move(tmp, abs);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new TatraException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Moves {@code tmp} to {@code target}; an existing target directory is first moved aside, then deleted. */
    private static void install(Path tmp, Path target) throws IOException {
        if (!Files.exists(target)) {
            move(tmp, target);
            return;
        }
        Path old = sibling(target, "old");
        move(target, old);
        try {
            move(tmp, target);
        } catch (IOException e) {
            move(old, target); // put the previous version back
            throw e;
        }
        deleteQuietly(old);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException | DirectoryNotEmptyException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path sibling(Path target, String kind) {
        return target.resolveSibling("." + target.getFileName() + "." + kind + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Deletes a file or a directory tree, ignoring what cannot be deleted (cleanup after a failure). */
    public static void deleteQuietly(Path p) {
        if (p == null || !Files.exists(p)) return;
        try {
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.deleteIfExists(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a leftover temporary sibling is harmless and named as such
        }
    }
}
