package dev.rivulet.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.result.SerializationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.extension.UuidType;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.UnionMode;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;

/**
 * Every Arrow type the Parquet writer takes, nullable and not, flat and nested with nulls at each
 * level, written with {@link ParquetTables#write} and read back cell by cell by DuckDB and by
 * Rivulet's own reader; the Parquet types they become; and the values and types it refuses, by
 * column, with no file left behind.
 */
class ParquetWriterTypesTest extends ArrowMemoryTest {

    private static final int ROWS = 24;

    private static Field field(String name, boolean nullable, ArrowType type, Field... children) {
        return new Field(name, new FieldType(nullable, type, null), List.of(children));
    }

    private static Field annotated(String name, ArrowType type, String logicalType) {
        return new Field(name, new FieldType(true, type, null, Map.of("parquet.logical_type", logicalType)), List.of());
    }

    /** Every flat type, by column name. */
    private static Map<String, ArrowType> flatTypes() {
        Map<String, ArrowType> types = new LinkedHashMap<>();
        for (int bits : new int[] {8, 16, 32, 64}) {
            types.put("int" + bits, new ArrowType.Int(bits, true));
            types.put("uint" + bits, new ArrowType.Int(bits, false));
        }
        types.put("float16", new ArrowType.FloatingPoint(FloatingPointPrecision.HALF));
        types.put("float32", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE));
        types.put("float64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
        types.put("decimal_9_2", new ArrowType.Decimal(9, 2, 128));
        types.put("decimal_18_4", new ArrowType.Decimal(18, 4, 128));
        types.put("decimal_19_0", new ArrowType.Decimal(19, 0, 128));
        types.put("decimal_38_10", new ArrowType.Decimal(38, 10, 128));
        types.put("decimal256_7_1", new ArrowType.Decimal(7, 1, 256));
        types.put("decimal256_30_5", new ArrowType.Decimal(30, 5, 256));
        types.put("bool", new ArrowType.Bool());
        types.put("utf8", new ArrowType.Utf8());
        types.put("large_utf8", new ArrowType.LargeUtf8());
        types.put("binary", new ArrowType.Binary());
        types.put("large_binary", new ArrowType.LargeBinary());
        types.put("fixed_binary", new ArrowType.FixedSizeBinary(5));
        types.put("uuid", UuidType.INSTANCE);
        types.put("date_day", new ArrowType.Date(DateUnit.DAY));
        types.put("date_milli", new ArrowType.Date(DateUnit.MILLISECOND));
        types.put("time_s", new ArrowType.Time(TimeUnit.SECOND, 32));
        types.put("time_ms", new ArrowType.Time(TimeUnit.MILLISECOND, 32));
        types.put("time_us", new ArrowType.Time(TimeUnit.MICROSECOND, 64));
        types.put("time_ns", new ArrowType.Time(TimeUnit.NANOSECOND, 64));
        for (TimeUnit unit : TimeUnit.values()) {
            String name = "timestamp_" + unit.name().toLowerCase();
            types.put(name, new ArrowType.Timestamp(unit, null));
            types.put(name + "_utc", new ArrowType.Timestamp(unit, "UTC"));
        }
        types.put("timestamp_us_new_york", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "America/New_York"));
        types.put("interval_year", new ArrowType.Interval(IntervalUnit.YEAR_MONTH));
        types.put("interval_day", new ArrowType.Interval(IntervalUnit.DAY_TIME));
        types.put("interval_month_day_nano", new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO));
        return types;
    }

    /** Each flat type as a nullable column and a required one. */
    private static List<Field> flatFields() {
        List<Field> fields = new ArrayList<>();
        flatTypes().forEach((name, type) -> {
            fields.add(field(name, true, type));
            fields.add(field(name + "_required", false, type));
        });
        return fields;
    }

    @Test
    void everyFlatTypeNullableOrNotIsReadByDuckDbAsWritten() throws Exception {
        List<Field> fields = flatFields();
        assertDuckDbReadsWhatWasWritten(new Schema(fields));
    }

    /** DuckDB reads decimals of more than 38 digits as doubles: the values agree to a double's precision. */
    @Test
    void decimalsOfMoreThan38DigitsAreReadByDuckDbAsTheirDoubles() throws Exception {
        Schema schema = new Schema(List.of(field("wide", true, new ArrowType.Decimal(76, 20, 256)),
                field("wide_required", false, new ArrowType.Decimal(50, 0, 256))));
        try (VectorSchemaRoot table = SampleValues.table(schema, ROWS, allocator)) {
            Path file = dir.resolve("wide.parquet");
            ParquetTables.write(table, file);
            try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duckdb.createStatement();
                    ResultSet rows = s.executeQuery("SELECT * FROM read_parquet('" + file + "')")) {
                int row = 0;
                while (rows.next()) {
                    for (int c = 0; c < 2; c++) {
                        Object expected = ArrowCells.get(table.getVector(c), row);
                        Object read = rows.getObject(c + 1);
                        if (expected == null) {
                            assertEquals(null, read, "row " + row);
                        } else {
                            double value = ((java.math.BigDecimal) expected).doubleValue();
                            assertEquals(value, (Double) read, Math.abs(value) * 1e-15, schema.getFields().get(c).getName() + ", row " + row);
                        }
                    }
                    row++;
                }
                assertEquals(ROWS, row);
            }
        }
    }

    @Test
    void nestedTypesWithNullsAtEveryLevelAreReadByDuckDbAsWritten() throws Exception {
        ArrowType int32 = new ArrowType.Int(32, true);
        ArrowType utf8 = new ArrowType.Utf8();
        Field entries = field("entries", false, new ArrowType.Struct(),
                field("key", false, utf8),
                field("value", true, new ArrowType.List(), field("item", true, new ArrowType.Decimal(20, 2, 128))));
        Field structKeyed = field("entries", false, new ArrowType.Struct(),
                field("key", false, int32),
                field("value", true, new ArrowType.Struct(), field("uuid", true, UuidType.INSTANCE), field("flag", false, new ArrowType.Bool())));
        assertDuckDbReadsWhatWasWritten(new Schema(List.of(
                field("ints", true, new ArrowType.List(), field("item", true, int32)),
                field("required_ints", false, new ArrowType.List(), field("item", false, int32)),
                field("large_texts", true, new ArrowType.LargeList(), field("item", true, new ArrowType.LargeUtf8())),
                field("pairs", true, new ArrowType.FixedSizeList(2), field("item", true, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE))),
                field("trip", true, new ArrowType.Struct(),
                        field("vendor", true, int32),
                        field("zone", false, utf8),
                        field("stops", true, new ArrowType.Struct(),
                                field("days", true, new ArrowType.List(), field("item", true, new ArrowType.Date(DateUnit.DAY))))),
                field("prices", true, new ArrowType.Map(false), entries),
                field("by_id", false, new ArrowType.Map(false), structKeyed),
                field("legs", true, new ArrowType.List(), field("item", true, new ArrowType.Struct(),
                        field("cost", true, new ArrowType.Decimal(12, 3, 128)),
                        field("ids", true, new ArrowType.List(), field("item", true, new ArrowType.Int(64, false))))),
                field("matrix", true, new ArrowType.List(), field("item", true, new ArrowType.List(), field("item", true, int32))),
                field("spans", true, new ArrowType.List(), field("item", true, new ArrowType.Interval(IntervalUnit.DAY_TIME))))));
    }

    @Test
    void logicalTypesNamedInFieldMetadataAreWrittenAsThem() throws Exception {
        Schema schema = new Schema(List.of(
                annotated("json", new ArrowType.Utf8(), "JSON"),
                annotated("large_json", new ArrowType.LargeUtf8(), "JSON"),
                annotated("colour", new ArrowType.Utf8(), "ENUM"),
                annotated("shape", new ArrowType.Binary(), "GEOMETRY"),
                annotated("id", new ArrowType.FixedSizeBinary(16), "UUID")));
        Path file = assertDuckDbReadsWhatWasWritten(schema);
        assertEquals(Map.of("json", "JSON", "large_json", "JSON", "colour", "VARCHAR", "shape", "GEOMETRY", "id", "UUID"), duckDbTypes(file));
        MessageType parquet = parquetSchema(file);
        assertEquals("optional binary json (JSON)", parquet.getType("json").toString());
        assertEquals("optional binary colour (ENUM)", parquet.getType("colour").toString());
        assertTrue(parquet.getType("shape").toString().startsWith("optional binary shape (GEOMETRY"), parquet.getType("shape").toString());
        assertEquals("optional fixed_len_byte_array(16) id (UUID)", parquet.getType("id").toString());
    }

    /** A geospatial type's CRS and edges follow its name in the metadata, as the reader names them. */
    @Test
    void geospatialTypesKeepTheirCrsAndEdges() throws Exception {
        Schema schema = new Schema(List.of(annotated("mercator", new ArrowType.Binary(), "GEOMETRY(EPSG:3857)"),
                annotated("earth", new ArrowType.LargeBinary(), "GEOGRAPHY(OGC:CRS84, VINCENTY)"),
                annotated("plain_earth", new ArrowType.Binary(), "GEOGRAPHY")));
        try (VectorSchemaRoot table = SampleValues.table(schema, 4, allocator)) {
            Path file = dir.resolve("geo.parquet");
            ParquetTables.write(table, file);
            MessageType parquet = parquetSchema(file);
            assertEquals("optional binary mercator (GEOMETRY(EPSG:3857))", parquet.getType("mercator").toString());
            assertEquals("optional binary earth (GEOGRAPHY(OGC:CRS84,VINCENTY))", parquet.getType("earth").toString());
            assertTrue(parquet.getType("plain_earth").toString().startsWith("optional binary plain_earth (GEOGRAPHY"), parquet.getType("plain_earth").toString());
            try (VectorSchemaRoot back = ParquetTables.read(file, allocator)) {
                for (Field field : schema.getFields()) {
                    assertEquals(field.getMetadata(), back.getSchema().findField(field.getName()).getMetadata(), "read back: " + field.getName());
                }
            }
        }
    }

    /** BSON as the spec has it; DuckDB 2.0 refuses any file with a BSON column ("Unsupported converted type (20)"), so parquet-java reads it. */
    @Test
    void bsonIsWrittenAsBson() throws Exception {
        try (VectorSchemaRoot table = SampleValues.table(new Schema(List.of(annotated("document", new ArrowType.Binary(), "BSON"))), ROWS, allocator)) {
            Path file = dir.resolve("bson.parquet");
            ParquetTables.write(table, file);
            assertEquals("optional binary document (BSON)", parquetSchema(file).getType("document").toString());
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                assertEquals(ROWS, reader.getRecordCount());
            }
        }
    }

    @Test
    void variantsAreReadByDuckDbAsTheirValues() throws Exception {
        Field variant = new Field("v", new FieldType(true, new ArrowType.Struct(), null, Map.of("parquet.logical_type", "VARIANT")), List.of(
                field("metadata", false, new ArrowType.Binary()), field("value", false, new ArrowType.Binary())));
        byte[] emptyDictionary = {0x01, 0x00, 0x00};
        List<byte[]> values = List.of(
                new byte[] {0x0C, 42},                   // int8 42
                new byte[] {0x09, 'h', 'i'},             // the short string "hi"
                new byte[] {0x04});                      // true
        try (VectorSchemaRoot table = VectorSchemaRoot.create(new Schema(List.of(variant)), allocator)) {
            for (int row = 0; row < 4; row++) {
                ArrowCells.set(table.getVector(0), row, row == 3 ? null
                        : Map.of("metadata", ArrowCells.Bytes.of(emptyDictionary), "value", ArrowCells.Bytes.of(values.get(row))));
            }
            table.setRowCount(4);
            Path file = dir.resolve("variant.parquet");
            ParquetTables.write(table, file);
            assertEquals(Map.of("v", "VARIANT"), duckDbTypes(file));
            List<String> read = new ArrayList<>();
            try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duckdb.createStatement();
                    ResultSet rows = s.executeQuery("SELECT v::VARCHAR FROM read_parquet('" + file + "')")) {
                while (rows.next()) {
                    read.add(rows.getString(1));
                }
            }
            assertEquals(java.util.Arrays.asList("42", "hi", "true", null), read);
        }
    }

    @Test
    void parquetTypesAreTheOnesTheSpecRecommends() throws Exception {
        List<Field> fields = new ArrayList<>();
        flatTypes().forEach((name, type) -> fields.add(field(name, true, type)));
        fields.add(field("decimal256_76_20", true, new ArrowType.Decimal(76, 20, 256)));
        fields.add(field("ints", false, new ArrowType.List(), field("item", true, new ArrowType.Int(32, true))));
        fields.add(field("tags", true, new ArrowType.Map(false), field("entries", false, new ArrowType.Struct(),
                field("key", false, new ArrowType.Utf8()), field("value", true, new ArrowType.Int(64, true)))));
        try (VectorSchemaRoot table = SampleValues.table(new Schema(fields), 3, allocator)) {
            Path file = dir.resolve("types.parquet");
            ParquetTables.write(table, file);
            MessageType parquet = parquetSchema(file);
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("int8", "optional int32 int8 (INTEGER(8,true))");
            expected.put("int32", "optional int32 int32");
            expected.put("uint32", "optional int32 uint32 (INTEGER(32,false))");
            expected.put("uint64", "optional int64 uint64 (INTEGER(64,false))");
            expected.put("float16", "optional fixed_len_byte_array(2) float16 (FLOAT16)");
            expected.put("decimal_9_2", "optional int32 decimal_9_2 (DECIMAL(9,2))");
            expected.put("decimal_18_4", "optional int64 decimal_18_4 (DECIMAL(18,4))");
            expected.put("decimal_19_0", "optional fixed_len_byte_array(9) decimal_19_0 (DECIMAL(19,0))");
            expected.put("decimal_38_10", "optional fixed_len_byte_array(16) decimal_38_10 (DECIMAL(38,10))");
            expected.put("decimal256_7_1", "optional int32 decimal256_7_1 (DECIMAL(7,1))");
            expected.put("decimal256_76_20", "optional fixed_len_byte_array(32) decimal256_76_20 (DECIMAL(76,20))");
            expected.put("fixed_binary", "optional fixed_len_byte_array(5) fixed_binary");
            expected.put("uuid", "optional fixed_len_byte_array(16) uuid (UUID)");
            expected.put("date_milli", "optional int32 date_milli (DATE)");
            expected.put("time_s", "optional int32 time_s (TIME(MILLIS,false))");
            expected.put("time_us", "optional int64 time_us (TIME(MICROS,false))");
            expected.put("time_ns", "optional int64 time_ns (TIME(NANOS,false))");
            expected.put("timestamp_second", "optional int64 timestamp_second (TIMESTAMP(MILLIS,false))");
            expected.put("timestamp_second_utc", "optional int64 timestamp_second_utc (TIMESTAMP(MILLIS,true))");
            expected.put("timestamp_nanosecond", "optional int64 timestamp_nanosecond (TIMESTAMP(NANOS,false))");
            expected.put("interval_month_day_nano", "optional fixed_len_byte_array(12) interval_month_day_nano (INTERVAL)");
            expected.put("large_utf8", "optional binary large_utf8 (STRING)");
            expected.forEach((name, type) -> assertEquals(type, parquet.getType(name).toString()));
            assertEquals("required group ints (LIST) {\n  repeated group list {\n    optional int32 element;\n  }\n}",
                    parquet.getType("ints").toString());
            assertEquals("optional group tags (MAP) {\n  repeated group key_value {\n    required binary key (STRING);\n"
                    + "    optional int64 value;\n  }\n}", parquet.getType("tags").toString());
        }
    }

    /** parquet-java marks INTERVAL columns as always null in the footer; the writer corrects it, whatever the row groups or the target. */
    @Test
    void intervalsOfManyRowGroupsWrittenToAStreamAreReadByDuckDb() throws Exception {
        Schema schema = new Schema(List.of(field("wait", true, new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO)),
                field("legs", true, new ArrowType.List(), field("item", true, new ArrowType.Interval(IntervalUnit.YEAR_MONTH)))));
        try (VectorSchemaRoot table = SampleValues.table(schema, 1_000, allocator)) {
            Path file = dir.resolve("streamed.parquet");
            int[] rows = java.util.stream.IntStream.range(0, 1_000).map(i -> 999 - i).toArray();
            try (java.io.OutputStream out = Files.newOutputStream(file)) {
                ParquetTables.write(table, rows, out, ParquetOptions.newBuilder().rowGroupRows(300).build());
            }
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                assertEquals(4, reader.getRowGroups().size());
            }
            try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duckdb.createStatement();
                    ResultSet read = s.executeQuery("SELECT * FROM read_parquet('" + file + "')")) {
                int i = 0;
                while (read.next()) {
                    for (int c = 0; c < 2; c++) {
                        assertEquals(ArrowCells.get(table.getVector(c), rows[i]), DuckDbCells.canonical(read.getObject(c + 1), schema.getFields().get(c)),
                                schema.getFields().get(c).getName() + ", row " + rows[i]);
                    }
                    i++;
                }
                assertEquals(1_000, i);
            }
        }
    }

    @Test
    void intervalsParquetCannotHoldAreRefusedByColumnAndRowAndLeaveNoFile() throws Exception {
        Schema schema = new Schema(List.of(field("id", false, new ArrowType.Int(32, true)),
                field("trip", true, new ArrowType.Struct(), field("waits", true, new ArrowType.List(),
                        field("item", true, new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO))))));
        try (VectorSchemaRoot table = VectorSchemaRoot.create(schema, allocator)) {
            for (int row = 0; row < 3; row++) {
                ArrowCells.set(table.getVector("id"), row, java.math.BigInteger.valueOf(row));
                long nanos = row == 2 ? 1_500 : 2_000_000;                  // 1.5 µs: no whole number of milliseconds
                ArrowCells.set(table.getVector("trip"), row, Map.of("waits", List.of(new ArrowCells.Interval(0, 1, nanos))));
            }
            table.setRowCount(3);
            Path file = dir.resolve("out/waits.parquet");
            SerializationException e = assertThrows(SerializationException.class, () -> ParquetTables.write(table, file));
            assertTrue(e.getMessage().contains("column 'trip.waits[]', row 2"), e.getMessage());
            assertTrue(e.getMessage().contains("1500 ns"), e.getMessage());
            assertNoFiles(dir.resolve("out"));

            ArrowCells.set(table.getVector("trip"), 2, Map.of("waits", List.of(new ArrowCells.Interval(-1, 0, 0))));
            e = assertThrows(SerializationException.class, () -> ParquetTables.write(table, file));
            assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("negative"), e.getMessage());
            assertNoFiles(dir.resolve("out"));
        }
    }

    @Test
    void datesInMillisecondsThatAreNotWholeDaysAreRefused() throws Exception {
        try (VectorSchemaRoot table = VectorSchemaRoot.create(new Schema(List.of(field("day", true, new ArrowType.Date(DateUnit.MILLISECOND)))),
                allocator)) {
            ((org.apache.arrow.vector.DateMilliVector) table.getVector(0)).setSafe(0, 86_400_000L + 1);
            table.setRowCount(1);
            SerializationException e = assertThrows(SerializationException.class, () -> ParquetTables.write(table, dir.resolve("d.parquet")));
            assertTrue(e.getMessage().contains("column 'day', row 0") && e.getMessage().contains("not a whole day"), e.getMessage());
            assertNoFiles(dir);
        }
    }

    @Test
    void typesTheWriterDoesNotTakeAreRefusedByColumnAndTypeAndLeaveNoFile() throws Exception {
        Field union = field("choice", true, new ArrowType.Union(UnionMode.Sparse, new int[] {0}), field("i", true, new ArrowType.Int(32, true)));
        Field view = field("trip", true, new ArrowType.Struct(), field("notes", true, new ArrowType.List(), field("item", true, new ArrowType.Utf8View())));
        Field dictionary = new Field("zone", new FieldType(true, new ArrowType.Int(32, true), new DictionaryEncoding(1, false, null)), List.of());
        Field badMetadata = annotated("flag", new ArrowType.Bool(), "JSON");
        Field unknownMetadata = annotated("text", new ArrowType.Utf8(), "XML");
        Map<Field, List<String>> refusals = new LinkedHashMap<>();
        refusals.put(union, List.of("'choice'", "Union"));
        refusals.put(view, List.of("'trip.notes[]'", "Utf8View"));
        refusals.put(dictionary, List.of("'zone'", "dictionary-encoded"));
        refusals.put(badMetadata, List.of("'flag'", "parquet.logical_type = JSON", "Bool"));
        refusals.put(unknownMetadata, List.of("'text'", "'XML'"));
        for (Map.Entry<Field, List<String>> refusal : refusals.entrySet()) {
            try (VectorSchemaRoot table = new VectorSchemaRoot(List.of(field("id", true, new ArrowType.Int(32, true)).createVector(allocator),
                    refusal.getKey().createVector(allocator)))) {
                table.setRowCount(0);
                Path file = dir.resolve("refused/" + refusal.getKey().getName() + ".parquet");
                SerializationException e = assertThrows(SerializationException.class, () -> ParquetTables.write(table, file));
                for (String expected : refusal.getValue()) {
                    assertTrue(e.getMessage().contains(expected), e.getMessage());
                }
                assertFalse(Files.exists(file));
            }
        }
        assertNoFiles(dir.resolve("refused"));
    }

    /**
     * What the writer writes, Rivulet's reader reads back: every cell of every type, flat and nested.
     * A UUID comes back as its 16 bytes, the reader's {@code FixedSizeBinary(16)} named UUID.
     */
    @Test
    void everyTypeRoundTripsThroughRivuletsReader() throws Exception {
        List<Field> fields = flatFields();
        fields.add(field("legs", true, new ArrowType.List(), field("item", true, new ArrowType.Struct(),
                field("cost", true, new ArrowType.Decimal(12, 3, 128)),
                field("ids", true, new ArrowType.List(), field("item", true, new ArrowType.Int(64, false))))));
        fields.add(field("tags", true, new ArrowType.Map(false), field("entries", false, new ArrowType.Struct(),
                field("key", false, new ArrowType.Utf8()), field("value", true, new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO)))));
        try (VectorSchemaRoot table = SampleValues.table(new Schema(fields), ROWS, allocator)) {
            Path file = dir.resolve("round-trip.parquet");
            ParquetTables.write(table, file);
            try (VectorSchemaRoot back = ParquetTables.read(file, allocator)) {
                assertEquals(ROWS, back.getRowCount());
                List<String> differences = new ArrayList<>();
                for (Field field : fields) {
                    for (int row = 0; row < ROWS; row++) {
                        Object written = ArrowCells.get(table.getVector(field.getName()), row);
                        written = written instanceof java.util.UUID uuid ? ArrowCells.Bytes.of(uuid) : written;
                        Object read = ArrowCells.get(back.getVector(field.getName()), row);
                        if (!java.util.Objects.equals(written, read)) {
                            differences.add(field + " row " + row + ": wrote " + written + ", read " + read + " as " + back.getVector(field.getName()).getField());
                            break;
                        }
                    }
                }
                assertEquals(List.of(), differences);
            }
        }
    }

    /** Writes {@link SampleValues} of {@code schema}, reads the file with DuckDB and compares every cell; returns the file. */
    private Path assertDuckDbReadsWhatWasWritten(Schema schema) throws Exception {
        Path file = dir.resolve("table.parquet");
        try (VectorSchemaRoot table = SampleValues.table(schema, ROWS, allocator)) {
            for (FieldVector vector : table.getFieldVectors()) {
                for (int row = 0; row < ROWS; row++) {
                    assertEquals(SampleValues.value(vector.getField(), row), ArrowCells.get(vector, row),
                            "the table built for " + vector.getName() + ", row " + row);
                }
            }
            ParquetTables.write(table, file);
            try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duckdb.createStatement();
                    ResultSet rows = s.executeQuery("SELECT * FROM read_parquet('" + file + "')")) {
                assertEquals(schema.getFields().size(), rows.getMetaData().getColumnCount());
                int row = 0;
                while (rows.next()) {
                    for (int c = 0; c < schema.getFields().size(); c++) {
                        Field field = schema.getFields().get(c);
                        Object read = DuckDbCells.canonical(rows.getObject(c + 1), field);
                        assertEquals(ArrowCells.get(table.getVector(c), row), read, field.getName() + " (" + field + "), row " + row);
                    }
                    row++;
                }
                assertEquals(ROWS, row);
            }
        }
        return file;
    }

    private static Map<String, String> duckDbTypes(Path file) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duckdb.createStatement();
                ResultSet rows = s.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
            while (rows.next()) {
                types.put(rows.getString("column_name"), rows.getString("column_type"));
            }
        }
        return types;
    }

    private static MessageType parquetSchema(Path file) throws Exception {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getFileMetaData().getSchema();
        }
    }

    private static void assertNoFiles(Path directory) throws Exception {
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                assertEquals(List.of(), files.toList(), "files left behind in " + directory);
            }
        }
    }
}
