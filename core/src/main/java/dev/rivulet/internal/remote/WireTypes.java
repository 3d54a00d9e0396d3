package dev.rivulet.internal.remote;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;

/**
 * Which type a value travels as. A serializer writes and reads a value as a declared type; when the
 * declaration says less than the value is (a parameter of type {@code Object} or of an interface, a
 * type variable of a generic task interface), reading it back as the declaration would give a
 * different value than the body sees on a local runner (a map for a record). Such a value travels
 * as its own class, named beside it.
 */
final class WireTypes {

    private WireTypes() {}

    /** The class {@code value} must travel as, or null when its declared type says enough. */
    static Class<?> classToSend(Type declared, Object value) {
        if (value == null) {
            return null;
        }
        Class<?> actual = value instanceof Enum<?> constant ? constant.getDeclaringClass() : value.getClass();
        return saysEnough(declared, actual) ? null : actual;
    }

    /** The type to read a value of class {@code actual} (null if unknown) declared as {@code declared} with. */
    static Type typeToRead(Type declared, Class<?> actual) {
        return actual == null || saysEnough(declared, actual) ? declared : actual;
    }

    private static boolean saysEnough(Type declared, Class<?> actual) {
        if (declared instanceof Class<?> type) {
            return type == actual || type.isPrimitive();
        }
        return (declared instanceof ParameterizedType || declared instanceof GenericArrayType) && !hasVariables(declared);
    }

    private static boolean hasVariables(Type type) {
        if (type instanceof TypeVariable<?> || type instanceof WildcardType) {
            return true;
        }
        if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                if (hasVariables(argument)) {
                    return true;
                }
            }
            return false;
        }
        return type instanceof GenericArrayType array && hasVariables(array.getGenericComponentType());
    }
}
