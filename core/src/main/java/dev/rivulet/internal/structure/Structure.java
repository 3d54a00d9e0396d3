package dev.rivulet.internal.structure;

import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which values inside its instances a class holds, and how they are reached: the one classification
 * that argument introspection and cache-key hashing both start from, worked out once per class.
 * Each walk decides first what only it knows (introspection its futures and the boxed values it
 * skips, hashing the types it encodes by value, such as text and enum constants); for the rest it
 * goes by this.
 *
 * <p>A class that is several of these is the first that applies, in the order declared: a record
 * that implements {@code List} is a {@link #RECORD}, a class that is both a {@code Map} and a plain
 * {@code Collection} is a {@link #MAP}. The order is part of the cache-key format, so it never
 * changes.
 */
public enum Structure {
    /** A record: its components, read through their accessors ({@link RecordComponents}). */
    RECORD,
    /** A {@link List} or {@link Deque}: its elements, in order. */
    SEQUENCE,
    /** A {@link Set}: its elements, in an order that does not count. */
    SET,
    /** A {@link Map}: its keys and their values. */
    MAP,
    /** Any other {@link Collection} (a {@code PriorityQueue}, a plain bag): its elements, in no defined order. */
    COLLECTION,
    /** An array of objects, not of primitives: its elements, in order. */
    OBJECT_ARRAY,
    /** An {@link Optional}: its value, when present. */
    OPTIONAL,
    /** Anything else: primitive arrays, boxes, text, the user's own classes. Nothing inside is looked into. */
    NONE;

    private static final ClassValue<Structure> BY_CLASS = new ClassValue<>() {
        @Override
        protected Structure computeValue(Class<?> type) {
            return classify(type);
        }
    };

    /** The structure of {@code type}'s instances. */
    public static Structure of(Class<?> type) {
        return BY_CLASS.get(type);
    }

    private static Structure classify(Class<?> type) {
        if (type.isRecord()) {
            return RECORD;
        }
        if (List.class.isAssignableFrom(type) || Deque.class.isAssignableFrom(type)) {
            return SEQUENCE;
        }
        if (Set.class.isAssignableFrom(type)) {
            return SET;
        }
        if (Map.class.isAssignableFrom(type)) {
            return MAP;
        }
        if (Collection.class.isAssignableFrom(type)) {
            return COLLECTION;
        }
        if (type.isArray() && !type.getComponentType().isPrimitive()) {
            return OBJECT_ARRAY;
        }
        if (type == Optional.class) {
            return OPTIONAL;
        }
        return NONE;
    }
}
