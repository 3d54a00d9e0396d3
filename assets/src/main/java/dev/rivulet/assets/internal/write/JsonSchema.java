package dev.rivulet.assets.internal.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rivulet.assets.AssetException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The columns of a JSON artifact, inferred from its records as they are written. Each column has
 * the kind of its values; across records and batches the kinds widen by these rules only: a null
 * takes any kind, an integer widens to a double, and a column first seen in a later record is
 * added (null in the records before). Any other mix fails, naming the batch and the column.
 */
final class JsonSchema {

    /** The kinds of JSON values, each with the DuckDB type it is read back as. */
    enum Kind {
        NULL("VARCHAR"), BOOLEAN("BOOLEAN"), BIGINT("BIGINT"), DOUBLE("DOUBLE"), VARCHAR("VARCHAR"), JSON("JSON");

        final String duckDbType;

        Kind(String duckDbType) {
            this.duckDbType = duckDbType;
        }

        static Kind of(JsonNode value) {
            if (value == null || value.isNull() || value.isMissingNode()) {
                return NULL;
            }
            if (value.isBoolean()) {
                return BOOLEAN;
            }
            if (value.isIntegralNumber()) {
                return value.canConvertToLong() ? BIGINT : DOUBLE;
            }
            if (value.isNumber()) {
                return DOUBLE;
            }
            if (value.isTextual()) {
                return VARCHAR;
            }
            return JSON;
        }
    }

    private final String assetName;
    private final Map<String, Kind> columns = new LinkedHashMap<>();

    JsonSchema(String assetName) {
        this.assetName = assetName;
    }

    /** Takes in one record of batch {@code batch} (counted from 1). */
    void observe(ObjectNode record, int batch) {
        Iterator<Map.Entry<String, JsonNode>> fields = record.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Kind kind = Kind.of(field.getValue());
            Kind known = columns.get(field.getKey());
            if (known == null) {
                columns.put(field.getKey(), kind);
            } else if (known != kind) {
                columns.put(field.getKey(), widen(known, kind, field.getKey(), batch));
            }
        }
    }

    private Kind widen(Kind known, Kind kind, String column, int batch) {
        if (kind == Kind.NULL) {
            return known;
        }
        if (known == Kind.NULL) {
            return kind;
        }
        if (known == Kind.BIGINT && kind == Kind.DOUBLE || known == Kind.DOUBLE && kind == Kind.BIGINT) {
            return Kind.DOUBLE;
        }
        throw new AssetException("asset '" + assetName + "': batch " + batch + " gives column '" + column + "' as " + kind
                + " where earlier records gave " + known + "; only null to any type, integer to double and new columns widen. "
                + "Convert the column in the asset's body");
    }

    /** The columns' DuckDB types, with {@code overrides} (from the asset's options) in place of the inferred ones. */
    Map<String, String> duckDbTypes(Map<String, String> overrides) {
        Map<String, String> types = new LinkedHashMap<>();
        columns.forEach((name, kind) -> types.put(name, overrides.getOrDefault(name, kind.duckDbType)));
        overrides.forEach(types::putIfAbsent);
        return types;
    }

    boolean isEmpty() {
        return columns.isEmpty();
    }
}
