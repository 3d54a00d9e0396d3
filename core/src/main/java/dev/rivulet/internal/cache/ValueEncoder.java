package dev.rivulet.internal.cache;

import dev.rivulet.internal.structure.RecordComponents;
import java.io.File;
import java.io.Serial;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.RandomAccess;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Writes the encoding of a value that {@link StableHash} digests: a {@link ValueKind} tag, then the
 * content, with a length before everything of variable size, so that no two values share an
 * encoding. Containers are followed recursively; the containers on the way down are kept to tell a
 * cycle from deep nesting.
 */
final class ValueEncoder {

    /** Deeper values are refused: the walk is recursive and must not exhaust a thread's stack. */
    static final int MAX_DEPTH = 200;

    private static final String REMEDY = "exclude the argument from the cache key (cacheKeyExclude), or give a cache key function";

    private final DigestWriter root;
    private DigestWriter out;
    /** Writers for the elements of sets and maps, one per level of such containers in the path. */
    private final List<DigestWriter> elementWriters = new ArrayList<>();
    private int elementLevel;
    private Object[] containers = new Object[8];
    private int depth;
    /** The results written as their lineage; {@link Lineages#NONE} unless a hash names them. */
    private Lineages lineages = Lineages.NONE;

    ValueEncoder(DigestWriter out) {
        this.root = out;
        this.out = out;
    }

    /**
     * Makes the encoder ready for a new hash after one that may have ended half way, by an
     * exception: writes go to the writer given at construction again, and nothing is on the path.
     */
    void reset() {
        out = root;
        lineages = Lineages.NONE;
        for (int i = 0; i < elementLevel; i++) {
            elementWriters.get(i).continueFrom(null);
        }
        elementLevel = 0;
        if (depth > 0) {
            Arrays.fill(containers, 0, depth, null);
            depth = 0;
        }
    }

    /** Writes the results {@code lineages} knows as their lineage, until {@link #reset()}. */
    void lineages(Lineages lineages) {
        this.lineages = lineages;
    }

    /**
     * Writes {@code value}'s encoding.
     *
     * @param label names the value in the message of an {@link UnhashableInputException}
     */
    void encode(String label, Object value) {
        try {
            encode(value);
        } catch (Unhashable e) {
            throw e.toException(label);
        }
    }

    private void encode(Object value) {
        if (value == null) {
            out.writeByte(ValueKind.NULL.tag);
            return;
        }
        ValueKind kind = ValueKind.of(value.getClass());
        if (lineages != Lineages.NONE && kind.distinctObjects()) {
            String lineage = lineages.lineageOf(value);
            if (lineage != null) {
                out.writeByte(ValueKind.LINEAGE.tag);
                out.writeString(lineage);
                return;
            }
        }
        if (kind == ValueKind.UNSUPPORTED) {
            throw Unhashable.unsupported(value.getClass());
        }
        out.writeByte(kind.tag);
        switch (kind) {
            case STRING -> out.writeString(value.toString());
            case BOOLEAN -> out.writeByte((Boolean) value ? 1 : 0);
            case BYTE -> out.writeByte((Byte) value);
            case SHORT -> out.writeChar((char) (short) (Short) value);
            case CHARACTER -> out.writeChar((Character) value);
            case INTEGER -> out.writeInt((Integer) value);
            case LONG -> out.writeLong((Long) value);
            case FLOAT -> out.writeInt(Float.floatToIntBits((Float) value));
            case DOUBLE -> out.writeLong(Double.doubleToLongBits((Double) value));
            case ENUM -> encodeEnum((Enum<?>) value);
            case RECORD -> encodeRecord((Record) value);
            case SEQUENCE -> encodeSequence((Collection<?>) value);
            case SET -> encodeSet((Set<?>) value);
            case MAP -> encodeMap((Map<?, ?>) value);
            case OBJECT_ARRAY -> encodeArray((Object[]) value);
            case BYTE_ARRAY -> encodeBytes((byte[]) value);
            case BOOLEAN_ARRAY -> encodeBooleans((boolean[]) value);
            case CHAR_ARRAY -> encodeChars((char[]) value);
            case SHORT_ARRAY -> encodeShorts((short[]) value);
            case INT_ARRAY -> encodeInts((int[]) value);
            case LONG_ARRAY -> encodeLongs((long[]) value);
            case FLOAT_ARRAY -> encodeFloats((float[]) value);
            case DOUBLE_ARRAY -> encodeDoubles((double[]) value);
            case OPTIONAL -> encodeOptional((Optional<?>) value);
            case OPTIONAL_INT -> encodeOptionalInt((OptionalInt) value);
            case OPTIONAL_LONG -> encodeOptionalLong((OptionalLong) value);
            case OPTIONAL_DOUBLE -> encodeOptionalDouble((OptionalDouble) value);
            case HASHED_AS -> encodeHashedAs((StableHashable) value);
            case DATE_TIME -> {
                out.writeString(value.getClass().getName());
                out.writeString(value.toString());
            }
            case ZONE -> out.writeString(((ZoneId) value).getId());
            case SECRET -> out.writeString(((dev.rivulet.secret.Secret) value).name());
            case UUID -> {
                out.writeLong(((UUID) value).getMostSignificantBits());
                out.writeLong(((UUID) value).getLeastSignificantBits());
            }
            case BIG_DECIMAL -> out.writeString(value.toString());
            case BIG_INTEGER -> encodeBytes(((BigInteger) value).toByteArray());
            case PATH -> {
                out.writeString(((Path) value).getFileSystem().provider().getScheme());
                out.writeString(value.toString());
            }
            case FILE -> out.writeString(((File) value).getPath());
            case URI -> out.writeString(((URI) value).toString());
            case URL -> out.writeString(((URL) value).toExternalForm());
            case CLASS -> out.writeString(((Class<?>) value).getName());
            case BYTE_BUFFER -> {
                out.writeInt(((ByteBuffer) value).remaining());
                out.writeBytes((ByteBuffer) value);
            }
            case LOCALE -> out.writeString(((Locale) value).toString());
            case CHARSET -> out.writeString(((Charset) value).name());
            case PATTERN -> {
                out.writeString(((Pattern) value).pattern());
                out.writeInt(((Pattern) value).flags());
            }
            case NULL, LINEAGE, UNSUPPORTED -> throw new AssertionError(kind);
        }
    }

    private void encodeEnum(Enum<?> constant) {
        out.writeString(constant.getDeclaringClass().getName());
        out.writeString(constant.name());
    }

    private void encodeRecord(Record record) {
        RecordComponents components = RecordComponents.of(record.getClass());
        if (components.inaccessible() != null) {
            throw Unhashable.inaccessibleRecord(record.getClass(), components.inaccessible());
        }
        enter(record);
        out.writeString(record.getClass().getName());
        out.writeInt(components.count());
        for (int i = 0; i < components.count(); i++) {
            String name = components.name(i);
            out.writeString(name);
            try {
                encode(components.value(record, i));
            } catch (Unhashable e) {
                throw e.at("." + name);
            }
        }
        leave();
    }

    private void encodeSequence(Collection<?> sequence) {
        enter(sequence);
        int size = sequence.size();
        out.writeInt(size);
        int index = 0;
        if (sequence instanceof List<?> list && list instanceof RandomAccess) {
            for (; index < size; index++) {
                encodeElement(list.get(index), index);
            }
        } else {
            for (Object element : sequence) {
                encodeElement(element, index++);
            }
        }
        if (index != size) {
            throw changedWhileHashed(sequence);
        }
        leave();
    }

    private void encodeArray(Object[] array) {
        enter(array);
        out.writeInt(array.length);
        for (int i = 0; i < array.length; i++) {
            encodeElement(array[i], i);
        }
        leave();
    }

    private void encodeElement(Object element, int index) {
        try {
            encode(element);
        } catch (Unhashable e) {
            throw e.at("[" + index + "]");
        }
    }

    /** Each element is digested on its own and the digests sorted, so that iteration order does not count. */
    private void encodeSet(Set<?> set) {
        enter(set);
        byte[][] digests = new byte[set.size()][];
        DigestWriter outer = beginElements();
        int count = 0;
        for (Object element : set) {
            try {
                encode(element);
            } catch (Unhashable e) {
                throw e.at(" (an element)");
            }
            digests[checkedIndex(count++, digests, set)] = out.digest();
        }
        endElements(outer, digests, count, set);
        leave();
    }

    /** Each entry, key then value, is digested on its own and the digests sorted, as for sets. */
    private void encodeMap(Map<?, ?> map) {
        enter(map);
        byte[][] digests = new byte[map.size()][];
        DigestWriter outer = beginElements();
        int count = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            try {
                encode(entry.getKey());
            } catch (Unhashable e) {
                throw e.at(" (a key)");
            }
            try {
                encode(entry.getValue());
            } catch (Unhashable e) {
                throw e.at(keySegment(entry.getKey()));
            }
            digests[checkedIndex(count++, digests, map)] = out.digest();
        }
        endElements(outer, digests, count, map);
        leave();
    }

    private DigestWriter beginElements() {
        if (elementLevel == elementWriters.size()) {
            elementWriters.add(new DigestWriter());
        }
        DigestWriter outer = out;
        out = elementWriters.get(elementLevel++);
        return outer;
    }

    private void endElements(DigestWriter outer, byte[][] digests, int count, Object container) {
        if (count != digests.length) {
            throw changedWhileHashed(container);
        }
        elementLevel--;
        out = outer;
        Arrays.sort(digests, Arrays::compareUnsigned);
        out.writeInt(count);
        for (byte[] digest : digests) {
            out.writeBytes(digest, 0, digest.length);
        }
    }

    private static int checkedIndex(int index, byte[][] digests, Object container) {
        if (index >= digests.length) {
            throw changedWhileHashed(container);
        }
        return index;
    }

    private static ConcurrentModificationException changedWhileHashed(Object container) {
        return new ConcurrentModificationException("a " + container.getClass().getName() + " changed while it was hashed");
    }

    private void encodeOptional(Optional<?> optional) {
        out.writeByte(optional.isPresent() ? 1 : 0);
        if (optional.isPresent()) {
            enter(optional);
            try {
                encode(optional.get());
            } catch (Unhashable e) {
                throw e.at(".get()");
            }
            leave();
        }
    }

    private void encodeOptionalInt(OptionalInt optional) {
        out.writeByte(optional.isPresent() ? 1 : 0);
        if (optional.isPresent()) {
            out.writeInt(optional.getAsInt());
        }
    }

    private void encodeOptionalLong(OptionalLong optional) {
        out.writeByte(optional.isPresent() ? 1 : 0);
        if (optional.isPresent()) {
            out.writeLong(optional.getAsLong());
        }
    }

    private void encodeOptionalDouble(OptionalDouble optional) {
        out.writeByte(optional.isPresent() ? 1 : 0);
        if (optional.isPresent()) {
            out.writeLong(Double.doubleToLongBits(optional.getAsDouble()));
        }
    }

    private void encodeHashedAs(StableHashable value) {
        enter(value);
        out.writeString(value.getClass().getName());
        try {
            encode(value.stableHashKey());
        } catch (Unhashable e) {
            throw e.at(".stableHashKey()");
        }
        leave();
    }

    private void encodeBytes(byte[] array) {
        out.writeInt(array.length);
        out.writeBytes(array, 0, array.length);
    }

    private void encodeBooleans(boolean[] array) {
        out.writeInt(array.length);
        for (boolean element : array) {
            out.writeByte(element ? 1 : 0);
        }
    }

    private void encodeChars(char[] array) {
        out.writeInt(array.length);
        for (char element : array) {
            out.writeChar(element);
        }
    }

    private void encodeShorts(short[] array) {
        out.writeInt(array.length);
        for (short element : array) {
            out.writeChar((char) element);
        }
    }

    private void encodeInts(int[] array) {
        out.writeInt(array.length);
        for (int element : array) {
            out.writeInt(element);
        }
    }

    private void encodeLongs(long[] array) {
        out.writeInt(array.length);
        for (long element : array) {
            out.writeLong(element);
        }
    }

    private void encodeFloats(float[] array) {
        out.writeInt(array.length);
        for (float element : array) {
            out.writeInt(Float.floatToIntBits(element));
        }
    }

    private void encodeDoubles(double[] array) {
        out.writeInt(array.length);
        for (double element : array) {
            out.writeLong(Double.doubleToLongBits(element));
        }
    }

    /** Pushes a container on the path, refusing one already on it (a cycle) and paths too long. */
    private void enter(Object container) {
        for (int i = 0; i < depth; i++) {
            if (containers[i] == container) {
                throw Unhashable.cycle(container.getClass(), i);
            }
        }
        if (depth == MAX_DEPTH) {
            throw Unhashable.tooDeep();
        }
        if (depth == containers.length) {
            containers = Arrays.copyOf(containers, depth * 2);
        }
        containers[depth++] = container;
    }

    private void leave() {
        containers[--depth] = null;
    }

    /** How the message names the value under a map key: the key itself where it is short and plain. */
    private static String keySegment(Object key) {
        if (key instanceof String text) {
            return "['" + text + "']";
        }
        if (key instanceof Number || key instanceof Boolean || key instanceof Character) {
            return "[" + key + "]";
        }
        if (key instanceof Enum<?> constant) {
            return "[" + constant.name() + "]";
        }
        return key == null ? "[null]" : " (the value of a " + key.getClass().getName() + " key)";
    }

    /**
     * Unwinds the walk from an unhashable value to the top, each container on the way adding its
     * step to the path; the message is made once, at the top. No stack trace: it never leaves this
     * class.
     */
    private static final class Unhashable extends RuntimeException {

        @Serial
        private static final long serialVersionUID = 1L;
        /** How many steps of a path are shown at most. */
        private static final int SHOWN_STEPS = 20;

        private final Deque<String> path = new ArrayDeque<>();
        private final String problem;
        private final String advice;
        /** For a cycle: how many steps of the path lead to the first visit of the container; else -1. */
        private final int cycleStart;

        private Unhashable(String problem, String advice, int cycleStart) {
            super(problem, null, false, false);
            this.problem = problem;
            this.advice = advice;
            this.cycleStart = cycleStart;
        }

        static Unhashable unsupported(Class<?> type) {
            String problem = "a " + type.getName() + " is not a kind of value that hashes stably";
            if (Collection.class.isAssignableFrom(type)) {
                problem += " (a collection that is neither a List, a Deque nor a Set has no order to hash by)";
            } else if (type.isHidden() || type.isSynthetic()) {
                problem += " (a lambda or a class made at run time has no content to hash)";
            }
            return new Unhashable(problem, "Make it a record, " + REMEDY, -1);
        }

        static Unhashable inaccessibleRecord(Class<?> type, String reason) {
            return new Unhashable("the components of record " + type.getName() + " cannot be read (" + reason + ")",
                    "Open its package to Rivulet, " + REMEDY, -1);
        }

        static Unhashable cycle(Class<?> type, int firstVisitSteps) {
            return new Unhashable("it is the same " + type.getName() + " as", capitalized(REMEDY), firstVisitSteps);
        }

        static Unhashable tooDeep() {
            return new Unhashable("values nest more than " + MAX_DEPTH + " levels deep", capitalized(REMEDY), -1);
        }

        Unhashable at(String step) {
            path.addFirst(step);
            return this;
        }

        UnhashableInputException toException(String label) {
            String what = cycleStart < 0 ? problem : problem + " " + where(label, cycleStart) + ", a cycle";
            return new UnhashableInputException(
                    "Cannot hash " + where(label, path.size()) + " for the cache key: " + what + ". " + advice + ".");
        }

        /** The label and the first {@code steps} steps of the path, at most {@link #SHOWN_STEPS} of them. */
        private String where(String label, int steps) {
            StringBuilder where = new StringBuilder();
            path.stream().limit(Math.min(steps, SHOWN_STEPS)).forEach(where::append);
            if (steps > SHOWN_STEPS) {
                where.append("...");
            }
            return where.isEmpty() ? label : label + " " + where.toString().strip();
        }

        private static String capitalized(String text) {
            return Character.toUpperCase(text.charAt(0)) + text.substring(1);
        }
    }
}
