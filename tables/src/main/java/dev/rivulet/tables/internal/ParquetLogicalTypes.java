package dev.rivulet.tables.internal;

import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The Arrow field metadata that names a Parquet logical type Arrow has no type of its own for: a
 * {@code utf8} column with {@code parquet.logical_type = JSON} is written as Parquet's JSON, and a
 * JSON column is read back as {@code utf8} with that metadata. The one place both directions take
 * the key and its values from.
 */
public final class ParquetLogicalTypes {

    /** The field metadata key; its value is one of the constants below. */
    public static final String KEY = "parquet.logical_type";

    /** UTF-8 JSON text, on a {@code utf8}, {@code large utf8}, {@code binary} or {@code large binary} field. */
    public static final String JSON = "JSON";
    /** A string from a fixed set, on a {@code utf8} or {@code large utf8} field. */
    public static final String ENUM = "ENUM";
    /** BSON documents, on a {@code binary} or {@code large binary} field. */
    public static final String BSON = "BSON";
    /** Variant values, on a struct of two binary fields, {@code metadata} and {@code value}, in the Parquet variant encoding. */
    public static final String VARIANT = "VARIANT";
    /** Geometries as WKB, on a {@code binary} or {@code large binary} field; Parquet's default CRS (OGC:CRS84). */
    public static final String GEOMETRY = "GEOMETRY";

    private ParquetLogicalTypes() {}

    /** {@return the logical type {@code field}'s metadata names, or null} */
    public static String of(Field field) {
        Map<String, String> metadata = field.getMetadata();
        return metadata == null ? null : metadata.get(KEY);
    }
}
