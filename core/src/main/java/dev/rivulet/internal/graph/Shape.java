package dev.rivulet.internal.graph;

import dev.rivulet.internal.structure.RecordComponents;
import dev.rivulet.internal.structure.Structure;

/**
 * How argument introspection treats objects of a class; worked out once per class. Futures and
 * leaves are introspection's own; everything else follows the class's {@link Structure}, which
 * cache-key hashing reads too.
 */
enum Shape {
    /** Boxed primitives, enum constants, classes: nothing inside, never a tracked result. */
    LEAF,
    /** A task future, or a future with failure allowed. */
    FUTURE,
    /** The list view of many futures made by {@code Tasks.results}. */
    FUTURE_VALUES,
    /** A future's value left in its store until a dependent runs; never among a call's own arguments. */
    DEFERRED,
    /** Any collection: lists, deques, sets and the rest. */
    COLLECTION,
    MAP,
    OBJECT_ARRAY,
    RECORD,
    OPTIONAL,
    /** Anything else: looked up as a possible result, not looked into. */
    OTHER;

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return shapeOf(type);
        }
    };

    public static Shape of(Class<?> type) {
        return SHAPES.get(type);
    }

    /** The values of a record's components, in order. */
    public static Object[] recordValues(Object record) {
        RecordComponents components = RecordComponents.of(record.getClass());
        if (components.inaccessible() != null) {
            throw new IllegalStateException("cannot look into a record argument of type " + record.getClass().getName() + ": "
                    + components.inaccessible() + ", or pass the argument through Tasks.quote(...)");
        }
        return components.values(record);
    }

    /** A new record of {@code type} with these component values. */
    public static Object newRecord(Class<?> type, Object[] values) {
        try {
            return RecordComponents.of(type).newRecord(values);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot rebuild record " + type.getName() + " with its futures resolved", e);
        }
    }

    private static Shape shapeOf(Class<?> type) {
        if (type == Integer.class || type == Long.class || type == Double.class || type == Float.class
                || type == Short.class || type == Byte.class || type == Boolean.class || type == Character.class
                || type == Class.class || Enum.class.isAssignableFrom(type)) {
            return LEAF;
        }
        if (type == DeferredValue.class) {
            return DEFERRED;
        }
        if (FutureValues.class.isAssignableFrom(type)) {
            return FUTURE_VALUES;
        }
        if (FutureHandle.class.isAssignableFrom(type)) {
            return FUTURE;
        }
        return switch (Structure.of(type)) {
            case RECORD -> RECORD;
            case SEQUENCE, SET, COLLECTION -> COLLECTION;
            case MAP -> MAP;
            case OBJECT_ARRAY -> OBJECT_ARRAY;
            case OPTIONAL -> OPTIONAL;
            case NONE -> OTHER;
        };
    }
}
