package dev.rivulet.assets.internal;

import java.nio.charset.StandardCharsets;
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
final class Layout {

    static final String INTERNAL = "_artifacts";
    static final String SNAPSHOTS = "_snapshots";
    static final String STAGING = INTERNAL + "/runs";
    static final String LOCKS = INTERNAL + "/locks";
    static final String CATALOG = INTERNAL + "/catalog";

    private static final DateTimeFormatter SNAPSHOT_TIME = DateTimeFormatter.ofPattern("yyyy'/'MM'/'dd'/'yyyyMMdd'T'HHmmss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Layout() {}

    /** The catalog entry of an asset name. */
    static String catalogEntry(String assetName) {
        return CATALOG + "/" + fileName(assetName) + ".json";
    }

    /** {@code _snapshots/<path>/<yyyy>/<MM>/<dd>/<UTC timestamp>.<ext>} */
    static String snapshot(String path, String extension, Instant taken) {
        return SNAPSHOTS + "/" + path + "/" + SNAPSHOT_TIME.format(taken) + "." + extension;
    }

    /** The directory of an artifact's snapshots. */
    static String snapshots(String path) {
        return SNAPSHOTS + "/" + path;
    }

    /** A file name for any text: readable where it is safe, with a hash that keeps it unique. */
    static String fileName(String text) {
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
}
