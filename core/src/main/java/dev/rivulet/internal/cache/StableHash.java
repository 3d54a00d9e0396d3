package dev.rivulet.internal.cache;

import java.util.Objects;

/**
 * A SHA-256 hash of argument values that is the same in every JVM, on every day, so that cache
 * policy {@code INPUTS} finds results stored by an earlier process. Equal values give equal hashes;
 * different values give different hashes with overwhelming probability. No value is hashed through
 * {@code hashCode()}, {@code toString()} of an arbitrary class, identity or Java serialization: a
 * value of a kind not listed below is refused with an {@link UnhashableInputException}.
 *
 * {@snippet :
 * String key = StableHash.builder()
 *         .addText(taskName)
 *         .addText(version)
 *         .add("argument 'trips'", trips)
 *         .hex();
 * }
 *
 * <p>Hashes that all start with the same parts, such as a task's cache keys, continue a {@link
 * Prefix} that has hashed those parts once, with labels {@linkplain #label encoded once}; the hash
 * is the same as from a new builder given all the parts.
 *
 * <h2>What a value's hash depends on</h2>
 * Every value is written as a type tag, then its content, with a length in front of everything of
 * variable size: {@code ["ab", "c"]} and {@code ["a", "bc"]} differ, and so do values of different
 * kinds that print alike.
 * <ul>
 *   <li>{@code null}; {@link Boolean}, {@link Character} and the numeric boxes by value and box type:
 *       {@code 1}, {@code 1L}, {@code (short) 1}, {@code 1.0} and {@code "1"} all differ. Floating
 *       point values are compared by bits, so {@code 0.0} and {@code -0.0} differ and all NaNs are one.
 *   <li>{@link String} and any other {@link CharSequence}, by its text: {@code "ab"} and a {@link
 *       StringBuilder} holding {@code ab} are the same.
 *   <li>Enum constants by declaring class name and constant name; records by class name and their
 *       components, each by name and value, in order; a {@link StableHashable} by class name and its
 *       {@link StableHashable#stableHashKey() key}.
 *   <li>{@link java.util.List} and {@link java.util.Deque}: elements in order; every such sequence
 *       with the same elements is the same (as {@code List.equals} says for lists).
 *   <li>{@link java.util.Set} and {@link java.util.Map}: order never counts, not even for a {@code
 *       SortedSet} or {@code LinkedHashMap}: each element, or each entry (key, then value), is hashed
 *       on its own and the hashes are sorted. Every set or map with the same content is the same.
 *   <li>Arrays by element type and elements in order; {@code int[] {1, 2}}, {@code Integer[] {1, 2}}
 *       and {@code List.of(1, 2)} differ from one another, while object arrays of different
 *       component types with the same elements are the same. {@code byte[]} is digested directly,
 *       and a {@link java.nio.ByteBuffer} by its remaining bytes (its position does not move).
 *   <li>{@link java.util.Optional} and its primitive twins: empty, or the value.
 *   <li>{@code java.time} values ({@code Instant}, {@code Duration}, {@code Period}, local, offset and
 *       zoned dates and times, {@code Year}, {@code YearMonth}, {@code MonthDay}) by class name and
 *       ISO text; a {@code ZoneId} by its id; {@code DayOfWeek} and {@code Month} as enums.
 *   <li>{@link java.math.BigDecimal} by its text, so the scale counts: {@code 1.0} and {@code 1.00}
 *       differ, as {@code BigDecimal.equals} says. {@link java.math.BigInteger} by value.
 *   <li>{@link java.util.UUID}; {@link java.nio.file.Path} by file system scheme and text, {@link
 *       java.io.File}, {@link java.net.URI} and {@link java.net.URL} by text (never {@code
 *       URL.equals}, which resolves host names); {@link Class} by name; {@link java.util.Locale}
 *       and {@link java.nio.charset.Charset} by name; {@link java.util.regex.Pattern} by pattern and
 *       flags. A path or file is hashed by name, never by what the file holds.
 * </ul>
 * A value that contains itself, or nests more than {@value ValueEncoder#MAX_DEPTH} levels deep, is
 * refused too.
 *
 * <p>A builder given {@link Builder#lineages(Lineages) lineages} writes every value they know, at
 * any depth, as a lineage tag and the lineage's text instead of its content: the result of an
 * upstream task run is keyed by how it was made. Such an encoding never equals a content encoding. Changing any rule above changes stored hashes; the format starts with a version byte
 * for that day.
 */
public final class StableHash {

    private static final int FORMAT_VERSION = 1;
    private static final int LABELLED_VALUE = 0x70;
    private static final int TEXT = 0x71;
    /** Each thread's builder for continuing a {@link Prefix}: keys are made without allocating one. */
    private static final ThreadLocal<Builder> CONTINUING = ThreadLocal.withInitial(Builder::new);

    private StableHash() {}

    /**
     * A label encoded once, for values added with it to many hashes; {@link Builder#add(Label,
     * Object)} hashes as {@link Builder#add(String, Object)} with its text does.
     */
    public static Label label(String text) {
        Objects.requireNonNull(text, "text");
        DigestWriter encoded = new DigestWriter();
        encoded.writeByte(LABELLED_VALUE);
        encoded.writeString(text);
        // A label longer than the writer's buffer is written from its text every time.
        return new Label(text, encoded.allBuffered() ? encoded.bufferCopy() : null);
    }

    /** A label encoded once: see {@link #label(String)}. */
    public static final class Label {

        private final String text;
        /** The label as {@link Builder#add(String, Object)} writes it; null for a long one. */
        private final byte[] encoding;

        private Label(String text, byte[] encoding) {
            this.text = text;
            this.encoding = encoding;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public static Builder builder() {
        Builder builder = new Builder();
        builder.out.writeByte(FORMAT_VERSION);
        return builder;
    }

    /**
     * Collects the parts of one hash in order, then gives it with {@link #hex()}. A builder makes one
     * hash: after {@link #hex()} or {@link #prefix}, or after an exception from {@link #add}, it takes
     * nothing more. Not thread safe. Closing matters only for a builder from {@link Prefix#open()}.
     */
    public static final class Builder implements AutoCloseable {

        private final DigestWriter out = new DigestWriter();
        private final ValueEncoder encoder = new ValueEncoder(out);
        private boolean open = true;
        /** The prefix this builder continues; null for one from {@link StableHash#builder()}. */
        private Prefix prefix;
        /** For a thread's reusable builder: whether a hash is being made with it. */
        private boolean taken;

        private Builder() {}

        /**
         * Adds a value and the label that names it.
         *
         * @param label part of the hash, and how an {@link UnhashableInputException} names the value,
         *     for example {@code argument 'trips'}
         * @throws UnhashableInputException if the value, or anything in it, cannot be hashed stably
         */
        public Builder add(String label, Object value) {
            Objects.requireNonNull(label, "label");
            return addLabelled(label, null, value);
        }

        /** {@link #add(String, Object)} with a label encoded beforehand. */
        public Builder add(Label label, Object value) {
            return addLabelled(label.text, label.encoding, value);
        }

        private Builder addLabelled(String label, byte[] encodedLabel, Object value) {
            requireOpen();
            open = false;
            if (encodedLabel == null) {
                out.writeByte(LABELLED_VALUE);
                out.writeString(label);
            } else {
                out.writeBytes(encodedLabel, 0, encodedLabel.length);
            }
            encoder.encode(label, value);
            open = true;
            return this;
        }

        /**
         * Writes the values {@code lineages} knows, in everything added from now on, as their lineage
         * rather than by their content; until the builder is closed.
         */
        public Builder lineages(Lineages lineages) {
            requireOpen();
            encoder.lineages(Objects.requireNonNull(lineages, "lineages"));
            return this;
        }

        /** Adds a key part that is text already, such as a task name, a version or a code hash. */
        public Builder addText(String text) {
            Objects.requireNonNull(text, "text");
            requireOpen();
            out.writeByte(TEXT);
            out.writeString(text);
            return this;
        }

        /**
         * The hash of everything added, as 64 lower-case hex digits (all 256 bits of SHA-256); for a
         * builder from {@link Prefix#open()}, after the prefix's {@linkplain #prefix head}.
         */
        public String hex() {
            requireOpen();
            open = false;
            return prefix == null ? out.hex() : prefix.key(out);
        }

        /**
         * Ends this builder with a prefix: what was added so far, hashed once, that {@link
         * Prefix#open()} continues. A builder from a prefix and a builder from {@link
         * StableHash#builder()} given the prefix's parts and then the same parts make the same hash.
         *
         * @param head text that {@link #hex()} puts before the hex digits of hashes continuing the prefix
         */
        public Prefix prefix(String head) {
            Objects.requireNonNull(head, "head");
            requireOpen();
            if (prefix != null) {
                throw new IllegalStateException("a builder that continues a prefix makes no prefix");
            }
            open = false;
            return new Prefix(out.state(), head);
        }

        /**
         * Gives a thread's builder back for its next hash, holding on to neither the prefix nor its
         * state; for other builders, ends them.
         */
        @Override
        public void close() {
            open = false;
            taken = false;
            // after a refused argument the encoder still holds the containers it was in: let go of them
            encoder.reset();
            if (prefix != null) {
                prefix = null;
                out.continueFrom(null);
            }
        }

        /** Starts a hash continuing {@code from}; the encoder is clean, as a new builder's or as {@link #close()} left it. */
        private void continueFrom(Prefix from) {
            out.continueFrom(from.state);
            prefix = from;
            open = true;
            taken = true;
        }

        private void requireOpen() {
            if (!open) {
                throw new IllegalStateException("this builder has made its hash, or failed to; start a new one");
            }
        }
    }

    /**
     * The first parts of many hashes, the same in all, hashed once: for a task's cache keys, its name,
     * its interface and its version. Thread safe.
     *
     * <p>A prefix also remembers the last hashes it made for encodings of at most {@value
     * #REMEMBERED_BYTES} bytes, by their encoding, in a table of {@value #REMEMBERED} entries: a
     * hash whose parts encode to the bytes of one of them is not digested again. The encoding is
     * made anew for every hash, from the values as they are then, so a value changed in place since
     * an earlier hash gives another encoding, and its own hash.
     */
    public static final class Prefix {

        static final int REMEMBERED = 64;
        static final int REMEMBERED_BYTES = 256;

        /** The digest of the prefix's parts; never updated, copied for every hash not remembered. */
        private final java.security.MessageDigest state;
        private final String head;
        /** Hashes by the encoding of their parts after the prefix, at the slot of that encoding's hash code; racy, entries immutable. */
        private final Remembered[] remembered = new Remembered[REMEMBERED];

        private record Remembered(byte[] encoding, int encodingHash, String key) {}

        private Prefix(java.security.MessageDigest state, String head) {
            this.state = state;
            this.head = head;
        }

        /**
         * A builder that continues this prefix; close it when done (try-with-resources). It is the
         * thread's own builder unless that one is making another hash, as when a value's encoding
         * calls code that makes a key.
         */
        public Builder open() {
            Builder builder = CONTINUING.get();
            if (builder.taken) {
                builder = new Builder();
            }
            builder.continueFrom(this);
            return builder;
        }

        /** The head, then the hex digits of the hash of the prefix and what {@code out} holds. */
        private String key(DigestWriter out) {
            if (!out.allBuffered() || out.buffered() > REMEMBERED_BYTES) {
                return head + out.hex();
            }
            int hashCode = out.bufferHashCode();
            int slot = (hashCode ^ hashCode >>> 16) & REMEMBERED - 1;
            Remembered known = remembered[slot];
            if (known != null && known.encodingHash == hashCode && out.bufferEquals(known.encoding)) {
                return known.key;
            }
            byte[] encoding = out.bufferCopy();
            String key = head + out.hex();
            remembered[slot] = new Remembered(encoding, hashCode, key);
            return key;
        }
    }
}
