package dev.rivulet.tables.internal;

import dev.rivulet.result.SerializationException;
import java.lang.reflect.Type;
import org.apache.arrow.vector.VectorSchemaRoot;

/** The checks both table serializers make on the value they are given and the type they are asked for. */
final class TableValues {

    private TableValues() {}

    /** {@code value} as a table, or a {@link SerializationException} naming what it is and what to do. */
    static VectorSchemaRoot toWrite(Object value, Type type, String serializer) throws SerializationException {
        if (value instanceof VectorSchemaRoot root) {
            return root;
        }
        String what = value == null ? "null" : value.getClass().getName();
        String hint = value instanceof org.apache.arrow.vector.table.Table
                ? "; an Arrow Table hides its vectors, so return table.toVectorSchemaRoot() (which moves them, without copying) instead"
                : "; choose the \"json\" or \"java\" serializer for it";
        throw new SerializationException(serializer + " writes Arrow tables (org.apache.arrow.vector.VectorSchemaRoot), not a " + what
                + " (declared " + type.getTypeName() + ")" + hint);
    }

    /** Checks that a table can be read as {@code type}: {@code VectorSchemaRoot} or a supertype of it. */
    static void checkReadable(Type type, String serializer) throws SerializationException {
        if (!(type instanceof Class<?> c) || !c.isAssignableFrom(VectorSchemaRoot.class)) {
            throw new SerializationException(serializer + " reads Arrow tables as org.apache.arrow.vector.VectorSchemaRoot, not as "
                    + type.getTypeName() + "; declare the task to return VectorSchemaRoot");
        }
    }
}
