package dev.rivulet.tables.internal;

import dev.rivulet.result.SerializationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;

/**
 * The Arrow schema of a Parquet file (the direction from Parquet to Arrow; {@link ParquetSchemas}
 * has the other), and for each Arrow field the shape of its values in the file: a tree of {@link
 * Node}s whose leaves are the file's columns.
 *
 * <p>Lists are read in every form the Parquet format allows: the three-level form, the legacy
 * two-level forms (a repeated primitive or group under a {@code LIST} group, with the {@code array}
 * and {@code _tuple} rules for one-field groups) and bare repeated fields, which become lists of
 * required elements. Maps become Arrow maps with {@code entries}, {@code key} and {@code value}.
 * Logical types that Arrow has no type for (BSON, UUID, JSON, ENUM, VARIANT, GEOMETRY, GEOGRAPHY)
 * are named in the field's metadata under {@link ParquetLogicalTypes#KEY}, the key the writer takes them
 * from; a geospatial type's CRS and edges follow its name where they are not the defaults.
 */
final class ParquetArrowSchema {

    /** How a node's values are laid out: a column's values, a struct of children, or a list or map of one child. */
    enum Shape {
        LEAF, STRUCT, REPEATED
    }

    /**
     * One Arrow field and where its values are. {@code layer} says whether the node has a level of
     * its own in the file (an optional group, or a repeated one); {@code column} is the index of a
     * leaf's column among the file's columns, -1 for groups.
     */
    record Node(Field field, Shape shape, boolean layer, List<Node> children, int column, PrimitiveType primitive) {

        /** The index of the first column under this node, whose levels stand for all of its columns'. */
        int firstColumn() {
            return shape == Shape.LEAF ? column : children.getFirst().firstColumn();
        }

        /** Every column under this node, in order. */
        void columns(List<Integer> into) {
            if (shape == Shape.LEAF) {
                into.add(column);
            } else {
                children.forEach(child -> child.columns(into));
            }
        }
    }

    private final String source;
    private int nextColumn;

    private ParquetArrowSchema(String source) {
        this.source = source;
    }

    /**
     * The nodes of a Parquet file's top-level fields.
     *
     * @throws SerializationException if a column has a type that is not read into Arrow; the message names the file, the column and its type
     */
    static List<Node> nodes(MessageType parquet, String source) {
        ParquetArrowSchema mapping = new ParquetArrowSchema(source);
        List<Node> nodes = new ArrayList<>();
        for (Type field : parquet.getFields()) {
            nodes.add(mapping.field(field, field.getName()));
        }
        return nodes;
    }

    /**
     * The Arrow schema of a Parquet file: the one stored in its metadata under {@link
     * ParquetSchemas#ARROW_SCHEMA_KEY} if it has the same columns as {@code nodes}, else the fields of {@code nodes}.
     */
    static Schema toArrow(List<Node> nodes, Map<String, String> keyValueMetadata) {
        Schema derived = new Schema(nodes.stream().map(Node::field).toList());
        String stored = keyValueMetadata.get(ParquetSchemas.ARROW_SCHEMA_KEY);
        if (stored != null) {
            try {
                Schema schema = Schema.fromJSON(stored);
                if (sameColumns(schema.getFields(), derived.getFields())) {
                    return schema;
                }
            } catch (java.io.IOException | RuntimeException e) {
                // a schema in the metadata that does not parse is ignored: the Parquet types are enough
            }
        }
        return derived;
    }

    /** Whether two lists of fields have the same names, types and nullability, metadata and time zone names aside. */
    private static boolean sameColumns(List<Field> a, List<Field> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Field fa = a.get(i);
            Field fb = b.get(i);
            if (!fa.getName().equals(fb.getName()) || !storedAs(fa.getType()).equals(storedAs(fb.getType())) || fa.isNullable() != fb.isNullable()
                    || !sameColumns(fa.getChildren(), fb.getChildren())) {
                return false;
            }
        }
        return true;
    }

    /** The type a column comes back as from its Parquet type alone: a time zone name is reduced to UTC. */
    private static ArrowType storedAs(ArrowType type) {
        if (type instanceof ArrowType.Timestamp t && t.getTimezone() != null) {
            return new ArrowType.Timestamp(t.getUnit(), "UTC");
        }
        return type;
    }

    /** The node of a field as it stands in a group: a repeated field is a list of its values. */
    private Node field(Type type, String name) {
        if (type.isRepetition(Repetition.REPEATED)) {
            Node element = value(type, type.getName(), false);
            return repeated(name, false, new ArrowType.List(), List.of(element));
        }
        return value(type, name, type.isRepetition(Repetition.OPTIONAL));
    }

    /** The node of a type's values, its repetition aside. */
    private Node value(Type type, String name, boolean nullable) {
        if (type.isPrimitive()) {
            return leaf(type.asPrimitiveType(), name, nullable);
        }
        GroupType group = type.asGroupType();
        LogicalTypeAnnotation logical = group.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
            return list(group, name, nullable);
        }
        if (logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation || logical instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
            return map(group, name, nullable);
        }
        if (group.getFieldCount() == 0) {
            throw refused(group, "a group without fields has no Arrow type");
        }
        List<Node> children = new ArrayList<>();
        for (Type child : group.getFields()) {
            children.add(field(child, child.getName()));
        }
        Map<String, String> metadata = logical instanceof LogicalTypeAnnotation.VariantLogicalTypeAnnotation
                ? Map.of(ParquetLogicalTypes.KEY, ParquetLogicalTypes.VARIANT) : null;
        Field field = new Field(name, new FieldType(nullable, new ArrowType.Struct(), null, metadata), children.stream().map(Node::field).toList());
        return new Node(field, Shape.STRUCT, nullable, children, -1, null);
    }

    private Node list(GroupType list, String name, boolean nullable) {
        if (list.getFieldCount() != 1 || !list.getType(0).isRepetition(Repetition.REPEATED)) {
            throw refused(list, "a LIST group must hold one repeated field");
        }
        Type repeated = list.getType(0);
        Node element;
        if (repeated.isPrimitive() || repeated.asGroupType().getFieldCount() > 1 || repeated.getName().equals("array")
                || repeated.getName().equals(list.getName() + "_tuple")) {
            // two-level list: the repeated field is the element
            element = value(repeated, repeated.getName(), false);
        } else {
            Type inner = repeated.asGroupType().getType(0);
            element = field(inner, inner.getName());
        }
        return repeated(name, nullable, new ArrowType.List(), List.of(element));
    }

    private Node map(GroupType map, String name, boolean nullable) {
        if (map.getFieldCount() != 1 || map.getType(0).isPrimitive() || !map.getType(0).isRepetition(Repetition.REPEATED)
                || map.getType(0).asGroupType().getFieldCount() != 2) {
            throw refused(map, "a MAP group must hold one repeated group of a key and a value");
        }
        GroupType keyValue = map.getType(0).asGroupType();
        Node key = value(keyValue.getType(0), "key", false);
        Node value = field(keyValue.getType(1), "value");
        Field entriesField = new Field("entries", FieldType.notNullable(new ArrowType.Struct()), List.of(key.field(), value.field()));
        Node entries = new Node(entriesField, Shape.STRUCT, false, List.of(key, value), -1, null);
        return repeated(name, nullable, new ArrowType.Map(false), List.of(entries));
    }

    private static Node repeated(String name, boolean nullable, ArrowType type, List<Node> children) {
        Field field = new Field(name, new FieldType(nullable, type, null), children.stream().map(Node::field).toList());
        return new Node(field, Shape.REPEATED, true, children, -1, null);
    }

    private Node leaf(PrimitiveType primitive, String name, boolean nullable) {
        LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
        ArrowType type = arrowType(primitive, logical);
        if (type == null) {
            throw refused(primitive, "docs/tables.md lists the Parquet types that are, and the Arrow type each becomes");
        }
        Map<String, String> metadata = switch (logical) {
            case LogicalTypeAnnotation.BsonLogicalTypeAnnotation b -> Map.of(ParquetLogicalTypes.KEY, ParquetLogicalTypes.BSON);
            case LogicalTypeAnnotation.UUIDLogicalTypeAnnotation u -> Map.of(ParquetLogicalTypes.KEY, ParquetLogicalTypes.UUID);
            case LogicalTypeAnnotation.JsonLogicalTypeAnnotation j -> Map.of(ParquetLogicalTypes.KEY, ParquetLogicalTypes.JSON);
            case LogicalTypeAnnotation.EnumLogicalTypeAnnotation e -> Map.of(ParquetLogicalTypes.KEY, ParquetLogicalTypes.ENUM);
            case LogicalTypeAnnotation.GeometryLogicalTypeAnnotation g ->
                    Map.of(ParquetLogicalTypes.KEY, withCrs(ParquetLogicalTypes.GEOMETRY, g.getCrs(), null));
            case LogicalTypeAnnotation.GeographyLogicalTypeAnnotation g ->
                    Map.of(ParquetLogicalTypes.KEY, withCrs(ParquetLogicalTypes.GEOGRAPHY, g.getCrs(), g.getAlgorithm() == null ? null : g.getAlgorithm().name()));
            case null, default -> null;
        };
        Field field = new Field(name, new FieldType(nullable, type, null, metadata), List.of());
        return new Node(field, Shape.LEAF, false, List.of(), nextColumn++, primitive);
    }

    /** A geospatial type's name, with its CRS and edges where they are not the defaults: {@code GEOMETRY}, {@code GEOMETRY(EPSG:3857)}. */
    private static String withCrs(String type, String crs, String edges) {
        boolean defaultCrs = crs == null || crs.isEmpty() || crs.equals("OGC:CRS84");
        boolean defaultEdges = edges == null || edges.equals("SPHERICAL");
        if (defaultCrs && defaultEdges) {
            return type;
        }
        return type + "(" + (defaultCrs ? "OGC:CRS84" : crs) + (defaultEdges ? "" : ", " + edges) + ")";
    }

    /** The Arrow type of a Parquet column, or null if it is not read. */
    private static ArrowType arrowType(PrimitiveType primitive, LogicalTypeAnnotation logical) {
        PrimitiveTypeName physical = primitive.getPrimitiveTypeName();
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
            boolean stored = physical == PrimitiveTypeName.INT32 || physical == PrimitiveTypeName.INT64 || physical == PrimitiveTypeName.BINARY
                    || physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
            if (!stored || d.getPrecision() > 76) {
                return null;
            }
            return new ArrowType.Decimal(d.getPrecision(), d.getScale(), d.getPrecision() <= 38 ? 128 : 256);
        }
        return switch (physical) {
            case BOOLEAN -> logical == null ? new ArrowType.Bool() : null;
            case INT32 -> switch (logical) {
                case null -> new ArrowType.Int(32, true);
                case IntLogicalTypeAnnotation i when i.getBitWidth() <= 32 -> new ArrowType.Int(i.getBitWidth(), i.isSigned());
                case LogicalTypeAnnotation.DateLogicalTypeAnnotation d -> new ArrowType.Date(DateUnit.DAY);
                case TimeLogicalTypeAnnotation t when t.getUnit() == LogicalTypeAnnotation.TimeUnit.MILLIS -> new ArrowType.Time(TimeUnit.MILLISECOND, 32);
                default -> null;
            };
            case INT64 -> switch (logical) {
                case null -> new ArrowType.Int(64, true);
                case IntLogicalTypeAnnotation i when i.getBitWidth() == 64 -> new ArrowType.Int(64, i.isSigned());
                case TimestampLogicalTypeAnnotation t -> new ArrowType.Timestamp(arrowUnit(t.getUnit()), t.isAdjustedToUTC() ? "UTC" : null);
                case TimeLogicalTypeAnnotation t when t.getUnit() != LogicalTypeAnnotation.TimeUnit.MILLIS ->
                        new ArrowType.Time(arrowUnit(t.getUnit()), 64);
                default -> null;
            };
            // the legacy timestamp: nanoseconds of the day and a Julian day, in no time zone
            case INT96 -> logical == null ? new ArrowType.Timestamp(TimeUnit.NANOSECOND, null) : null;
            case FLOAT -> logical == null ? new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE) : null;
            case DOUBLE -> logical == null ? new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE) : null;
            case BINARY -> switch (logical) {
                case null -> new ArrowType.Binary();
                case LogicalTypeAnnotation.StringLogicalTypeAnnotation s -> new ArrowType.Utf8();
                case LogicalTypeAnnotation.EnumLogicalTypeAnnotation e -> new ArrowType.Utf8();
                case LogicalTypeAnnotation.JsonLogicalTypeAnnotation j -> new ArrowType.Utf8();
                case LogicalTypeAnnotation.BsonLogicalTypeAnnotation b -> new ArrowType.Binary();
                case LogicalTypeAnnotation.GeometryLogicalTypeAnnotation g -> new ArrowType.Binary();
                case LogicalTypeAnnotation.GeographyLogicalTypeAnnotation g -> new ArrowType.Binary();
                default -> null;
            };
            case FIXED_LEN_BYTE_ARRAY -> {
                int length = primitive.getTypeLength();
                yield switch (logical) {
                    case null -> new ArrowType.FixedSizeBinary(length);
                    case LogicalTypeAnnotation.UUIDLogicalTypeAnnotation u when length == 16 -> new ArrowType.FixedSizeBinary(16);
                    case LogicalTypeAnnotation.Float16LogicalTypeAnnotation f when length == 2 ->
                            new ArrowType.FloatingPoint(FloatingPointPrecision.HALF);
                    case LogicalTypeAnnotation.IntervalLogicalTypeAnnotation i when length == 12 -> new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO);
                    default -> null;
                };
            }
        };
    }

    private static TimeUnit arrowUnit(LogicalTypeAnnotation.TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> TimeUnit.MILLISECOND;
            case MICROS -> TimeUnit.MICROSECOND;
            case NANOS -> TimeUnit.NANOSECOND;
        };
    }

    private SerializationException refused(Type type, String why) {
        return new SerializationException("column '" + type.getName() + "' of " + source + " has Parquet type " + type.toString().strip()
                + ", which is not read into Arrow tables: " + why);
    }
}
