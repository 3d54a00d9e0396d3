package dev.rivulet.assets.internal.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Where things go under an artifacts root: artifacts at their own paths, and beside them {@code
 * _artifacts/} (the catalog of assets, locks, and the staging of runs under way) and {@code
 * _snapshots/}. Asset paths may not enter either.
 */
public final class Layout {

    public static final String INTERNAL = "_artifacts";
    public static final String SNAPSHOTS = "_snapshots";
    static final String STAGING = INTERNAL + "/runs";
    static final String LOCKS = INTERNAL + "/locks";
    public static final String CATALOG = INTERNAL + "/catalog";

    private static final DateTimeFormatter SNAPSHOT_TIME = DateTimeFormatter.ofPattern("yyyy'/'MM'/'dd'/'yyyyMMdd'T'HHmmss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Layout() {}

    /** The catalog entry of an asset name. */
    public static String catalogEntry(String assetName) {
        return CATALOG + "/" + fileName(assetName) + ".json";
    }

    /** {@code _snapshots/<path>/<yyyy>/<MM>/<dd>/<UTC timestamp>.<ext>} */
    public static String snapshot(String path, String extension, Instant taken) {
        return SNAPSHOTS + "/" + path + "/" + SNAPSHOT_TIME.format(taken) + "." + extension;
    }

    /** The directory of an artifact's snapshots. */
    static String snapshots(String path) {
        return SNAPSHOTS + "/" + path;
    }

    /** A file name for any text: readable where it is safe, with a hash that keeps it unique. */
    public static String fileName(String text) {
        String readable = text.replaceAll("[^A-Za-z0-9._-]", "_");
        if (readable.length() > 80) {
            readable = readable.substring(0, 80);
        }
        return readable + "-" + sha256(text).substring(0, 16);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String PATTERN_CHARACTERS = "it holds one of * ? [ ] { }, which DuckDB reads in file names as patterns";

    private static boolean hasPatternCharacters(String path) {
        return path.matches(".*[*?\\[\\]{}].*");
    }

    /**
     * Checks a local directory that artifacts or their copies go under, whose path every query
     * then names: DuckDB would read pattern characters in it as a glob.
     *
     * @throws IllegalArgumentException naming the directory and the fix
     */
    public static Path checkDirectory(Path directory, String what) {
        if (hasPatternCharacters(directory.toString())) {
            throw new IllegalArgumentException(what + " " + directory + " is refused: " + PATTERN_CHARACTERS + "; choose a directory without them");
        }
        return directory;
    }

    /**
     * Why {@code path} would leave the artifacts root or enter its own areas; null if it is a
     * plain relative path.
     */
    public static String escapes(String path) {
        if (path.isEmpty()) {
            return "it is empty";
        }
        if (path.startsWith("/") || path.contains("\\") || path.matches("^[A-Za-z]:.*")) {
            return "it is absolute or holds a backslash";
        }
        if (hasPatternCharacters(path)) {
            return PATTERN_CHARACTERS;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return "it has an empty, '.' or '..' segment";
            }
        }
        String first = path.split("/", 2)[0];
        if (first.equalsIgnoreCase(INTERNAL) || first.equalsIgnoreCase(SNAPSHOTS)) {
            return "it enters " + first + "/, which the artifacts root keeps for itself";
        }
        return null;
    }
}
