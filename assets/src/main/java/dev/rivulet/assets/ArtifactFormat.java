package dev.rivulet.assets;

import java.util.Locale;
import java.util.Optional;

/** The file formats of artifacts. */
public enum ArtifactFormat {
    /** JSON lines: one JSON object per line, UTF-8. */
    JSON("json"),
    /** Apache Parquet, zstd-compressed. */
    PARQUET("parquet");

    private final String extension;

    ArtifactFormat(String extension) {
        this.extension = extension;
    }

    /** {@return the format's name and usual extension: {@code json} or {@code parquet}} */
    public String extension() {
        return extension;
    }

    /**
     * The format of a name.
     *
     * @param name {@code json} or {@code parquet}, in any case
     * @return the format
     * @throws IllegalArgumentException if the name is neither, naming those that are
     */
    public static ArtifactFormat named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "json", "jsonl", "ndjson" -> JSON;
            case "parquet" -> PARQUET;
            default -> throw new IllegalArgumentException("unknown artifact format '" + name + "'; the formats are json and parquet");
        };
    }

    /**
     * The format a path's extension says.
     *
     * @param path a file path
     * @return the format of {@code .json}, {@code .jsonl}, {@code .ndjson} or {@code .parquet}; empty for others
     */
    public static Optional<ArtifactFormat> ofPath(String path) {
        int dot = path.lastIndexOf('.');
        if (dot < 0 || dot < path.lastIndexOf('/')) {
            return Optional.empty();
        }
        try {
            return Optional.of(named(path.substring(dot + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
