package dev.rivulet.internal.structure;

import dev.rivulet.internal.access.Lookups;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;

/**
 * The components of a record class, in declaration order: their names, their accessors, and the
 * canonical constructor that makes a record from their values. Found once per class, through a
 * lookup into the record's class ({@link Lookups#lookupIn}), and shared by argument introspection
 * (which reads components to find futures, and rebuilds a record with their values) and cache-key
 * hashing (which reads them by name).
 */
public final class RecordComponents {

    private static final MethodType READER = MethodType.methodType(Object.class, Object.class);

    private static final ClassValue<RecordComponents> BY_CLASS = new ClassValue<>() {
        @Override
        protected RecordComponents computeValue(Class<?> type) {
            return new RecordComponents(type);
        }
    };

    private final Class<?> type;
    private final RecordComponent[] components;
    private final String[] names;
    private final MethodHandle[] accessors;
    /** A lookup into the record's class: private access, or public access when its package is not open to Rivulet. */
    private final MethodHandles.Lookup lookup;
    /** Why the components cannot be read, or null when they can. */
    private final String inaccessible;
    /** The canonical constructor taking an {@code Object[]} of component values; looked up on first use. */
    private volatile MethodHandle constructor;

    private RecordComponents(Class<?> type) {
        this.type = type;
        components = type.getRecordComponents();
        if (components == null) {
            throw new IllegalArgumentException(type.getName() + " is not a record class");
        }
        names = new String[components.length];
        accessors = new MethodHandle[components.length];
        for (int i = 0; i < components.length; i++) {
            names[i] = components[i].getName();
        }
        // Private access when the record's package is open to Rivulet, else its public members.
        lookup = Lookups.lookupIn(type);
        String failure = null;
        try {
            for (int i = 0; i < components.length; i++) {
                accessors[i] = lookup.unreflect(components[i].getAccessor()).asType(READER);
            }
        } catch (IllegalAccessException e) {
            failure = e.getMessage() + "; " + Lookups.openHint(type);
        }
        inaccessible = failure;
    }

    /**
     * The components of {@code recordType}.
     *
     * @throws IllegalArgumentException if {@code recordType} is not a record class
     */
    public static RecordComponents of(Class<?> recordType) {
        return BY_CLASS.get(recordType);
    }

    /**
     * Why the components cannot be read (the record's package is not open to Rivulet), or null when
     * they can. {@link #value}, {@link #values} and {@link #newRecord} need them readable.
     */
    public String inaccessible() {
        return inaccessible;
    }

    public int count() {
        return names.length;
    }

    public String name(int index) {
        return names[index];
    }

    /** The value of component {@code index} of {@code record}; what its accessor throws is thrown as it is. */
    public Object value(Object record, int index) {
        try {
            return accessors[index].invokeExact(record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("accessor " + names[index] + "() of " + type.getName() + " failed", e);
        }
    }

    /** The values of all of {@code record}'s components, in order, in a new array. */
    public Object[] values(Object record) {
        Object[] values = new Object[accessors.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(record, i);
        }
        return values;
    }

    /**
     * A new record of this class made by its canonical constructor from {@code values}, one per
     * component in order; what the constructor throws (a compact constructor's check) is thrown as
     * it is.
     */
    public Object newRecord(Object[] values) {
        try {
            return canonicalConstructor().invokeExact(values);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("the canonical constructor of " + type.getName() + " failed", e);
        }
    }

    private MethodHandle canonicalConstructor() {
        MethodHandle found = constructor;
        if (found == null) {
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < types.length; i++) {
                types[i] = components[i].getType();
            }
            try {
                found = lookup.findConstructor(type, MethodType.methodType(void.class, types))
                        .asType(MethodType.genericMethodType(types.length))
                        .asSpreader(Object[].class, types.length);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot reach the canonical constructor of " + type.getName() + ": " + e.getMessage()
                        + "; " + Lookups.openHint(type), e);
            }
            constructor = found;
        }
        return found;
    }
}
