package dev.rivulet.internal.cache;

import dev.rivulet.internal.access.Lookups;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;

/** The names and accessors of a record class's components, in declaration order; found once per class. */
final class RecordComponents {

    private static final MethodType READER = MethodType.methodType(Object.class, Object.class);

    private static final ClassValue<RecordComponents> BY_CLASS = new ClassValue<>() {
        @Override
        protected RecordComponents computeValue(Class<?> type) {
            return new RecordComponents(type);
        }
    };

    private final String[] names;
    private final MethodHandle[] accessors;
    /** Why the accessors cannot be called, or null when they can. */
    private final String inaccessible;

    private RecordComponents(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        names = new String[components.length];
        accessors = new MethodHandle[components.length];
        String failure = null;
        try {
            MethodHandles.Lookup lookup = Lookups.lookupIn(type);
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                accessors[i] = lookup.unreflect(components[i].getAccessor()).asType(READER);
            }
        } catch (IllegalAccessException e) {
            failure = e.getMessage() + "; " + Lookups.openHint(type);
        }
        inaccessible = failure;
    }

    static RecordComponents of(Class<?> type) {
        return BY_CLASS.get(type);
    }

    /** Why the components cannot be read (open the record's package to Rivulet), or null when they can. */
    String inaccessible() {
        return inaccessible;
    }

    int count() {
        return names.length;
    }

    String name(int index) {
        return names[index];
    }

    Object value(Object record, int index) {
        try {
            return accessors[index].invokeExact(record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("accessor " + names[index] + "() of " + record.getClass().getName() + " failed", e);
        }
    }
}
