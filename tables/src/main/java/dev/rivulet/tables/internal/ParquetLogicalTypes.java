package dev.rivulet.tables.internal;

import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The Arrow field metadata that names a Parquet logical type Arrow has no type of its own for: a
 * {@code utf8} column with {@code parquet.logical_type = JSON} is written as Parquet's JSON, and a
 * JSON column is read back as {@code utf8} with that metadata. The one place both directions take
 * the key and its values from.
 *
 * <p>A geospatial type's CRS, and a geography's edge interpolation, follow its name in parentheses
 * where they are not the defaults: {@code GEOMETRY(EPSG:3857)}, {@code GEOGRAPHY(OGC:CRS84, VINCENTY)}.
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
    /** Geometries as WKB, on a {@code binary} or {@code large binary} field; in the CRS OGC:CRS84 unless one follows in parentheses. */
    public static final String GEOMETRY = "GEOMETRY";
    /** Geographies as WKB, on a {@code binary} or {@code large binary} field; CRS and edges may follow in parentheses. */
    public static final String GEOGRAPHY = "GEOGRAPHY";
    /** A UUID's 16 bytes, big-endian, on a {@code fixed size binary(16)} field (Arrow's UUID extension type needs no metadata). */
    public static final String UUID = "UUID";

    private ParquetLogicalTypes() {}

    /** {@return the name of {@code logicalType}, without the parameters in parentheses that may follow it} */
    public static String name(String logicalType) {
        int open = logicalType.indexOf('(');
        return open < 0 ? logicalType : logicalType.substring(0, open).strip();
    }

    /** {@return the parameters in parentheses after the name of {@code logicalType}, comma-separated and stripped; none if it has none} */
    public static java.util.List<String> parameters(String logicalType) {
        int open = logicalType.indexOf('(');
        if (open < 0 || !logicalType.endsWith(")")) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(logicalType.substring(open + 1, logicalType.length() - 1).split(",")).map(String::strip).toList();
    }

    /** {@return the logical type {@code field}'s metadata names, or null} */
    public static String of(Field field) {
        Map<String, String> metadata = field.getMetadata();
        return metadata == null ? null : metadata.get(KEY);
    }
}
