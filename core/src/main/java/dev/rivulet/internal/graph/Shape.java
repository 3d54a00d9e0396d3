package dev.rivulet.internal.graph;

import dev.rivulet.internal.access.Lookups;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** How argument introspection treats objects of a class; worked out once per class. */
enum Shape {
    /** Boxed primitives, enum constants, classes: nothing inside, never a tracked result. */
    LEAF,
    /** A task future, or a future with failure allowed. */
    FUTURE,
    /** The list view of many futures made by {@code Tasks.results}. */
    FUTURE_VALUES,
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

    private static final ClassValue<MethodHandle[]> RECORD_ACCESSORS = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            MethodHandle[] handles = new MethodHandle[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent component = components[i];
                handles[i] = accessible(type, () -> lookup(type).unreflect(component.getAccessor()))
                        .asType(MethodType.methodType(Object.class, Object.class));
            }
            return handles;
        }
    };

    private static final ClassValue<MethodHandle> RECORD_CONSTRUCTORS = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
            }
            MethodHandle constructor = accessible(type, () -> lookup(type).findConstructor(type, MethodType.methodType(void.class, types)));
            return constructor.asType(MethodType.genericMethodType(types.length)).asSpreader(Object[].class, types.length);
        }
    };

    public static Shape of(Class<?> type) {
        return SHAPES.get(type);
    }

    /** The values of a record's components, in order. */
    public static Object[] recordValues(Object record) {
        MethodHandle[] accessors = RECORD_ACCESSORS.get(record.getClass());
        Object[] values = new Object[accessors.length];
        for (int i = 0; i < accessors.length; i++) {
            try {
                values[i] = accessors[i].invokeExact(record);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read component " + i + " of record " + record.getClass().getName(), e);
            }
        }
        return values;
    }

    /** A new record of {@code type} with these component values. */
    public static Object newRecord(Class<?> type, Object[] values) {
        try {
            return RECORD_CONSTRUCTORS.get(type).invokeExact(values);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot rebuild record " + type.getName() + " with its futures resolved", e);
        }
    }

    private static Shape shapeOf(Class<?> type) {
        if (type == Integer.class || type == Long.class || type == Double.class || type == Float.class
                || type == Short.class || type == Byte.class || type == Boolean.class || type == Character.class
                || type == Class.class || Enum.class.isAssignableFrom(type)) {
            return LEAF;
        }
        if (FutureValues.class.isAssignableFrom(type)) {
            return FUTURE_VALUES;
        }
        if (FutureHandle.class.isAssignableFrom(type)) {
            return FUTURE;
        }
        if (Collection.class.isAssignableFrom(type)) {
            return COLLECTION;
        }
        if (Map.class.isAssignableFrom(type)) {
            return MAP;
        }
        if (type.isArray() && !type.getComponentType().isPrimitive()) {
            return OBJECT_ARRAY;
        }
        if (type.isRecord()) {
            return RECORD;
        }
        if (type == Optional.class) {
            return OPTIONAL;
        }
        return OTHER;
    }

    private interface HandleSupplier {
        MethodHandle get() throws ReflectiveOperationException;
    }

    private static MethodHandles.Lookup lookup(Class<?> type) {
        return Lookups.lookupIn(type);
    }

    private static MethodHandle accessible(Class<?> type, HandleSupplier supplier) {
        try {
            return supplier.get();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot look into a record argument of type " + type.getName() + ": " + e.getMessage()
                    + "; " + Lookups.openHint(type) + ", or pass the argument through Tasks.quote(...)", e);
        }
    }
}
