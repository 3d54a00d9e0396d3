package dev.rivulet.assets;

import dev.rivulet.assets.internal.JsonColumns;
import dev.rivulet.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The options of an {@link Asset}, each the twin of an annotation attribute; what is unset here
 * comes from the annotation. Immutable; made by {@link #newBuilder()}, applied to one call by
 * {@link AssetCall#withOptions(AssetOptions)}.
 */
public final class AssetOptions {

    private static final AssetOptions EMPTY = new Builder().build();

    private final String path;
    private final String name;
    private final String format;
    private final Duration cacheExpiration;
    private final Boolean snapshotArtifacts;
    private final List<String> jsonColumns;
    private final String jsonDateFormat;
    private final String jsonTimestampFormat;

    private AssetOptions(Builder builder) {
        this.path = builder.path;
        this.name = builder.name;
        this.format = builder.format;
        this.cacheExpiration = builder.cacheExpiration;
        this.snapshotArtifacts = builder.snapshotArtifacts;
        this.jsonColumns = builder.jsonColumns == null ? null : List.copyOf(builder.jsonColumns);
        this.jsonDateFormat = builder.jsonDateFormat;
        this.jsonTimestampFormat = builder.jsonTimestampFormat;
    }

    /** {@return options with nothing set} */
    public static AssetOptions empty() {
        return EMPTY;
    }

    /** {@return a builder with nothing set} */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * The options of an annotation: attributes left at their defaults stay unset.
     *
     * @param asset the annotation
     * @return its options
     * @throws IllegalArgumentException if an attribute is malformed, such as an unparsable expiration
     */
    public static AssetOptions of(Asset asset) {
        Builder builder = newBuilder().path(asset.path()).snapshotArtifacts(asset.snapshotArtifacts());
        if (!asset.name().isEmpty()) {
            builder.name(asset.name());
        }
        if (!asset.format().isEmpty()) {
            builder.format(asset.format());
        }
        if (!asset.cacheExpiration().isEmpty()) {
            builder.cacheExpiration(asset.cacheExpiration());
        }
        if (asset.jsonColumns().length > 0) {
            builder.jsonColumns(asset.jsonColumns());
        }
        if (!asset.jsonDateFormat().isEmpty()) {
            builder.jsonDateFormat(asset.jsonDateFormat());
        }
        if (!asset.jsonTimestampFormat().isEmpty()) {
            builder.jsonTimestampFormat(asset.jsonTimestampFormat());
        }
        return builder.build();
    }

    /** {@return the path template, if set; see {@link Asset#path()}} */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    /** {@return the name template, if set; see {@link Asset#name()}} */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** {@return the format, if set; see {@link Asset#format()}} */
    public Optional<String> format() {
        return Optional.ofNullable(format);
    }

    /** {@return how long an artifact stays good, if set; see {@link Asset#cacheExpiration()}} */
    public Optional<Duration> cacheExpiration() {
        return Optional.ofNullable(cacheExpiration);
    }

    /** {@return whether snapshots are kept, if set; see {@link Asset#snapshotArtifacts()}} */
    public Optional<Boolean> snapshotArtifacts() {
        return Optional.ofNullable(snapshotArtifacts);
    }

    /** {@return the JSON column types, {@code "name TYPE"}, if set; see {@link Asset#jsonColumns()}} */
    public Optional<List<String>> jsonColumns() {
        return Optional.ofNullable(jsonColumns);
    }

    /** {@return the JSON date format, if set; see {@link Asset#jsonDateFormat()}} */
    public Optional<String> jsonDateFormat() {
        return Optional.ofNullable(jsonDateFormat);
    }

    /** {@return the JSON timestamp format, if set; see {@link Asset#jsonTimestampFormat()}} */
    public Optional<String> jsonTimestampFormat() {
        return Optional.ofNullable(jsonTimestampFormat);
    }

    /**
     * These options on top of {@code defaults}: what these leave unset comes from the defaults.
     *
     * @param defaults the options that fill in what these leave unset
     * @return the merged options
     */
    public AssetOptions withDefaults(AssetOptions defaults) {
        Builder merged = new Builder();
        merged.path = path != null ? path : defaults.path;
        merged.name = name != null ? name : defaults.name;
        merged.format = format != null ? format : defaults.format;
        merged.cacheExpiration = cacheExpiration != null ? cacheExpiration : defaults.cacheExpiration;
        merged.snapshotArtifacts = snapshotArtifacts != null ? snapshotArtifacts : defaults.snapshotArtifacts;
        merged.jsonColumns = jsonColumns != null ? jsonColumns : defaults.jsonColumns;
        merged.jsonDateFormat = jsonDateFormat != null ? jsonDateFormat : defaults.jsonDateFormat;
        merged.jsonTimestampFormat = jsonTimestampFormat != null ? jsonTimestampFormat : defaults.jsonTimestampFormat;
        return merged.build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AssetOptions that && Objects.equals(path, that.path) && Objects.equals(name, that.name)
                && Objects.equals(format, that.format) && Objects.equals(cacheExpiration, that.cacheExpiration)
                && Objects.equals(snapshotArtifacts, that.snapshotArtifacts) && Objects.equals(jsonColumns, that.jsonColumns)
                && Objects.equals(jsonDateFormat, that.jsonDateFormat) && Objects.equals(jsonTimestampFormat, that.jsonTimestampFormat);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, name, format, cacheExpiration, snapshotArtifacts, jsonColumns, jsonDateFormat, jsonTimestampFormat);
    }

    @Override
    public String toString() {
        StringJoiner set = new StringJoiner(", ", "AssetOptions{", "}");
        path().ifPresent(v -> set.add("path=" + v));
        name().ifPresent(v -> set.add("name=" + v));
        format().ifPresent(v -> set.add("format=" + v));
        cacheExpiration().ifPresent(v -> set.add("cacheExpiration=" + v));
        snapshotArtifacts().ifPresent(v -> set.add("snapshotArtifacts=" + v));
        jsonColumns().ifPresent(v -> set.add("jsonColumns=" + v));
        jsonDateFormat().ifPresent(v -> set.add("jsonDateFormat=" + v));
        jsonTimestampFormat().ifPresent(v -> set.add("jsonTimestampFormat=" + v));
        return set.toString();
    }

    /** Builds {@link AssetOptions}; each setter checks its value at once. */
    public static final class Builder {
        private String path;
        private String name;
        private String format;
        private Duration cacheExpiration;
        private Boolean snapshotArtifacts;
        private List<String> jsonColumns;
        private String jsonDateFormat;
        private String jsonTimestampFormat;

        private Builder() {}

        /**
         * Sets the path template; see {@link Asset#path()}.
         *
         * @param template the template, relative to the artifacts root
         * @return this builder
         * @throws IllegalArgumentException if it is blank
         */
        public Builder path(String template) {
            this.path = notBlank(template, "path");
            return this;
        }

        /**
         * Sets the name template; see {@link Asset#name()}.
         *
         * @param template the template
         * @return this builder
         * @throws IllegalArgumentException if it is blank
         */
        public Builder name(String template) {
            this.name = notBlank(template, "name");
            return this;
        }

        /**
         * Sets the format; see {@link Asset#format()}.
         *
         * @param format {@code json} or {@code parquet}
         * @return this builder
         * @throws IllegalArgumentException if it is neither
         */
        public Builder format(String format) {
            this.format = ArtifactFormat.named(format).extension();
            return this;
        }

        /**
         * Sets how long an artifact stays good; see {@link Asset#cacheExpiration()}.
         *
         * @param expiration ISO-8601 or {@code "1h"}
         * @return this builder
         * @throws IllegalArgumentException if it cannot be parsed or is not positive
         */
        public Builder cacheExpiration(String expiration) {
            return cacheExpiration(Durations.parse(expiration));
        }

        /**
         * Sets how long an artifact stays good; see {@link Asset#cacheExpiration()}.
         *
         * @param expiration a positive duration
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder cacheExpiration(Duration expiration) {
            if (expiration.isNegative() || expiration.isZero()) {
                throw new IllegalArgumentException("cacheExpiration must be positive, was " + expiration);
            }
            this.cacheExpiration = expiration;
            return this;
        }

        /**
         * Sets whether snapshots are kept; see {@link Asset#snapshotArtifacts()}.
         *
         * @param keep {@code true} to keep a dated snapshot of each materialisation
         * @return this builder
         */
        public Builder snapshotArtifacts(boolean keep) {
            this.snapshotArtifacts = keep;
            return this;
        }

        /**
         * Sets column types for reading JSON back; see {@link Asset#jsonColumns()}.
         *
         * @param columns {@code "name TYPE"} each
         * @return this builder
         * @throws IllegalArgumentException if one is not a name and a type
         */
        public Builder jsonColumns(String... columns) {
            List<String> checked = new ArrayList<>();
            for (String column : Arrays.asList(columns)) {
                checked.add(dev.rivulet.assets.internal.JsonColumns.check(column));
            }
            this.jsonColumns = checked;
            return this;
        }

        /**
         * Sets the date format of JSON artifacts; see {@link Asset#jsonDateFormat()}.
         *
         * @param format a {@code strptime} format
         * @return this builder
         */
        public Builder jsonDateFormat(String format) {
            this.jsonDateFormat = notBlank(format, "jsonDateFormat");
            return this;
        }

        /**
         * Sets the timestamp format of JSON artifacts; see {@link Asset#jsonTimestampFormat()}.
         *
         * @param format a {@code strptime} format
         * @return this builder
         */
        public Builder jsonTimestampFormat(String format) {
            this.jsonTimestampFormat = notBlank(format, "jsonTimestampFormat");
            return this;
        }

        /** {@return the options set so far} */
        public AssetOptions build() {
            return new AssetOptions(this);
        }

        private static String notBlank(String value, String what) {
            if (Objects.requireNonNull(value, what).isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }
    }
}
