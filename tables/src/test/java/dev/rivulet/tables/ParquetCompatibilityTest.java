package dev.rivulet.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.result.SerializationException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.holders.NullableIntervalMonthDayNanoHolder;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet files as other writers make them, read with {@link ParquetTables#read} and compared cell
 * by cell with what DuckDB reads from the same file: every type DuckDB writes, each of its codecs
 * and page versions, and, written with parquet-java, the forms DuckDB does not write (INT96, legacy
 * lists, bare repeated fields, Hadoop-framed lz4, FLOAT16, wide decimals, BSON, GEOMETRY, delta and
 * byte-stream-split encodings). Every 7th row is null.
 */
class ParquetCompatibilityTest {

    private static final int ROWS = 2_000;
    private static final String NULL = "NULL";

    /** A DuckDB expression of {@code i} per file, and the Arrow type its column becomes. */
    private static final String[][] DUCKDB_TYPES = {
        {"tinyint", "(i % 256 - 128)::TINYINT", "Int(8, true)"},
        {"smallint", "(i * 30 - 30000)::SMALLINT", "Int(16, true)"},
        {"integer", "(i * 1000003 - 1000000000)::INTEGER", "Int(32, true)"},
        {"bigint", "(i * 1000000000007 - 900000000000000)::BIGINT", "Int(64, true)"},
        {"utinyint", "(i % 256)::UTINYINT", "Int(8, false)"},
        {"usmallint", "(65535 - i)::USMALLINT", "Int(16, false)"},
        {"uinteger", "(4294967295 - i)::UINTEGER", "Int(32, false)"},
        {"ubigint", "(18446744073709551615 - i)::UBIGINT", "Int(64, false)"},
        {"float", "(i * 0.25 + 0.5)::FLOAT", "FloatingPoint(SINGLE)"},
        {"double", "(i * 0.125 - 7.5)::DOUBLE", "FloatingPoint(DOUBLE)"},
        {"boolean", "(i % 3 = 0)", "Bool"},
        {"decimal_4_2", "(CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END * (i / 100.0))::DECIMAL(4,2)", "Decimal(4, 2, 128)"},
        {"decimal_9_2", "(CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END * (i * 1234.56))::DECIMAL(9,2)", "Decimal(9, 2, 128)"},
        {"decimal_18_3", "(CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END * (i * 1234567891.123))::DECIMAL(18,3)", "Decimal(18, 3, 128)"},
        {"decimal_38_10", "(CASE WHEN i % 2 = 0 THEN '' ELSE '-' END || '1234567890123456789012' || lpad(i::VARCHAR, 4, '0') || '.0123456789')::DECIMAL(38,10)",
            "Decimal(38, 10, 128)"},
        {"date", "(DATE '1900-01-01' + (i * 47)::INTEGER)", "Date(DAY)"},
        {"time", "(TIME '00:00:00' + to_microseconds(i * 43123457::BIGINT))", "Time(MICROSECOND, 64)"},
        {"time_ns", "('01:02:03.' || lpad(i::VARCHAR, 9, '7'))::TIME_NS", "Time(NANOSECOND, 64)"},
        {"timetz", "(TIME '00:00:00' + to_microseconds(i * 43123457::BIGINT))::TIMETZ", "Time(MICROSECOND, 64)"},
        {"timestamp_us", "(TIMESTAMP '1960-01-01' + to_microseconds(i * 1234567890123::BIGINT))", "Timestamp(MICROSECOND, null)"},
        {"timestamp_ms", "(TIMESTAMP '1960-01-01' + to_milliseconds(i * 1234567891::BIGINT))::TIMESTAMP_MS", "Timestamp(MILLISECOND, null)"},
        {"timestamp_ns", "(TIMESTAMP_NS '2001-01-01 00:00:00.000000001' + to_microseconds(i * 1234567890::BIGINT))::TIMESTAMP_NS",
            "Timestamp(NANOSECOND, null)"},
        {"timestamptz", "(TIMESTAMPTZ '2020-01-01 00:00:00+00' + to_microseconds(i * 1234567890123::BIGINT))", "Timestamp(MICROSECOND, UTC)"},
        {"interval", "(to_months(i % 50) + to_days(i % 31) + to_milliseconds(i * 1001))", "Interval(MONTH_DAY_NANO)"},
        {"uuid", "md5(i::VARCHAR)::UUID", "FixedSizeBinary(16)"},
        {"blob", "unhex(md5(i::VARCHAR) || repeat('ab', i % 5))", "Binary"},
        {"varchar", "('str-' || i || repeat('é漢', i % 4))", "Utf8"},
        {"enum", "(['sad', 'ok', 'happy'][i % 3 + 1])::mood", "Utf8"},
        {"json", "json_object('a', i, 'b', 'x' || i)::JSON", "Utf8"},
        {"geometry", "('POINT(' || i || ' ' || (i * 2) || ')')::GEOMETRY", "Binary"},
        {"list_int", "(CASE WHEN i % 5 = 1 THEN [] ELSE [i, NULL, i * 2] END)", "List"},
        {"list_varchar", "['a' || i, NULL, 'b']", "List"},
        {"list_list", "[[i, i + 1], [], NULL, [NULL]]", "List"},
        {"array_int3", "[i, i + 1, i + 2]::INTEGER[3]", "List"},
        {"struct", "{'a': i, 'b': CASE WHEN i % 3 = 0 THEN NULL ELSE 'x' || i END}", "Struct"},
        {"struct_nested", "{'s': {'x': i, 'y': [i, i]}, 'z': 'z' || i}", "Struct"},
        {"map", "MAP {'k' || i: i, 'other': NULL}", "Map(false)"},
        {"map_int_list", "MAP {i: [i, i + 1]}", "Map(false)"},
        {"list_struct", "[{'x': i, 'ys': [i, i * 2]}, {'x': NULL, 'ys': NULL}]", "List"},
        {"list_map", "[MAP {i: 'a' || i}, NULL, MAP {}]", "List"},
        {"map_struct", "MAP {i: {'p': i, 'q': CASE WHEN i % 2 = 0 THEN NULL ELSE [i] END}, i + 1: NULL}", "Map(false)"},
    };

    /** A table of mixed columns, written with each codec and writer option. */
    private static final String MIXED = "SELECT i::INTEGER AS id, CASE WHEN i % 7 = 3 THEN NULL ELSE i * 0.5 END AS d, "
            + "'s-' || (i % 97) AS s_dict, md5(i::VARCHAR) AS s_plain, TIMESTAMP '2020-01-01' + to_seconds(i) AS ts, "
            + "(i * 12.34)::DECIMAL(18,2) AS dec, [i, i + 1] AS l, i % 2 = 0 AS b, i::FLOAT * 1.5 AS f, "
            + "{'k': i % 5, 'v': CASE WHEN i % 4 = 0 THEN NULL ELSE 'v' || i END} AS st, "
            + "MAP {'k' || (i % 3): CASE WHEN i % 5 = 0 THEN NULL ELSE i END} AS m FROM range(" + ROWS + ") t(i)";

    private static final Map<String, String> CODEC_FILES = new LinkedHashMap<>();

    static {
        for (String codec : List.of("uncompressed", "snappy", "gzip", "zstd", "lz4", "lz4_raw", "brotli")) {
            CODEC_FILES.put(codec, "COMPRESSION " + codec);
        }
        CODEC_FILES.put("v2-zstd", "COMPRESSION zstd, PARQUET_VERSION V2");
        CODEC_FILES.put("v2-snappy", "COMPRESSION snappy, PARQUET_VERSION V2");
        CODEC_FILES.put("nodict-zstd", "COMPRESSION zstd, DICTIONARY_SIZE_LIMIT 1");
        CODEC_FILES.put("smallgroups-zstd", "COMPRESSION zstd, ROW_GROUP_SIZE 300");
        // every column through Hardwood, in row groups whose rows start inside a byte of the validity bitmaps
        CODEC_FILES.put("smallgroups-brotli", "COMPRESSION brotli, ROW_GROUP_SIZE 300");
    }

    @TempDir
    static Path dir;
    private static Connection duckdb;
    private static BufferAllocator allocator;

    @BeforeAll
    static void writeFiles() throws Exception {
        allocator = new RootAllocator();
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
        for (String[] type : DUCKDB_TYPES) {
            execute("COPY (SELECT CASE WHEN i % 7 = 6 THEN NULL ELSE " + type[1] + " END AS c FROM range(" + ROWS + ") t(i)) TO '"
                    + file(type[0]) + "' (FORMAT parquet, COMPRESSION zstd)");
        }
        for (Map.Entry<String, String> codec : CODEC_FILES.entrySet()) {
            execute("COPY (" + MIXED + ") TO '" + file(codec.getKey()) + "' (FORMAT parquet, " + codec.getValue() + ")");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        duckdb.close();
        assertEquals(0, allocator.getAllocatedMemory(), "every table read was closed");
        allocator.close();
    }

    private static Path file(String name) {
        return dir.resolve(name + ".parquet");
    }

    private static void execute(String sql) throws SQLException {
        try (Statement statement = duckdb.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void everyTypeDuckDbWritesReadsAsDuckDbReadsIt() throws Exception {
        for (String[] type : DUCKDB_TYPES) {
            try (VectorSchemaRoot table = ParquetTables.read(file(type[0]), allocator)) {
                Field field = table.getSchema().getFields().getFirst();
                assertEquals(type[2], field.getType().toString(), type[0] + ": the Arrow type");
                assertSameAsDuckDb(table, file(type[0]));
            }
        }
    }

    @Test
    void logicalTypesArrowHasNoTypeForAreNamedInFieldMetadata() throws Exception {
        try (VectorSchemaRoot uuid = ParquetTables.read(file("uuid"), allocator);
                VectorSchemaRoot json = ParquetTables.read(file("json"), allocator)) {
            assertEquals("UUID", uuid.getSchema().getFields().getFirst().getMetadata().get("parquet.logical_type"));
            assertEquals("JSON", json.getSchema().getFields().getFirst().getMetadata().get("parquet.logical_type"));
        }
    }

    /** DuckDB's VARIANT is a group of binary metadata and values (shredded where it can be); it is read as that struct, its nulls as DuckDB's. */
    @Test
    void variantsAreReadAsTheirStructOfBinaries() throws Exception {
        Path variant = file("variant");
        execute("COPY (SELECT CASE WHEN i % 7 = 6 THEN NULL WHEN i % 3 = 0 THEN i::VARIANT WHEN i % 3 = 1 THEN ('v' || i)::VARIANT "
                + "ELSE {'k': i}::VARIANT END AS c FROM range(" + ROWS + ") t(i)) TO '" + variant + "' (FORMAT parquet)");
        try (VectorSchemaRoot table = ParquetTables.read(variant, allocator)) {
            Field field = table.getSchema().getFields().getFirst();
            assertEquals("Struct", field.getType().toString());
            assertEquals("VARIANT", field.getMetadata().get("parquet.logical_type"));
            List<String> children = field.getChildren().stream().map(Field::getName).toList();
            assertTrue(children.containsAll(List.of("metadata", "value")), children.toString());
            List<String> nulls = duckDbValues(variant, "c", "(c IS NULL)::VARCHAR");
            FieldVector vector = table.getVector(0);
            for (int i = 0; i < ROWS; i++) {
                assertEquals(nulls.get(i).equals("true"), vector.isNull(i), "row " + i);
            }
            StructVector struct = (StructVector) vector;
            assertTrue(struct.getChild("metadata").getValueCount() == ROWS && !struct.getChild("metadata").isNull(0), "metadata of every row");
        }
    }

    @Test
    void everyCodecPageVersionAndEncodingDuckDbWritesReads() throws Exception {
        for (String codec : CODEC_FILES.keySet()) {
            try (VectorSchemaRoot table = ParquetTables.read(file(codec), allocator)) {
                assertEquals(11, table.getSchema().getFields().size(), codec);
                assertSameAsDuckDb(table, file(codec));
            }
        }
    }

    @Test
    void manyRowGroupsOfNestedColumnsLoadInParallelAsOneTableAndLeaveNoThread() throws Exception {
        try (VectorSchemaRoot table = ParquetTables.load(List.of(file("smallgroups-zstd"), file("smallgroups-brotli")), allocator, 3)) {
            assertNestedColumnsOfTwoFiles(table);
        }
        ParquetTablesTest.awaitNoThreadOfOurs();
    }

    @Test
    void nestedColumnsLoadOnACallersExecutorAndLeaveNoThreadOfTheirOwn() throws Exception {
        ThreadPoolExecutor executor = (ThreadPoolExecutor) Executors.newFixedThreadPool(2);
        try (VectorSchemaRoot table = ParquetTables.load(List.of(file("smallgroups-zstd"), file("smallgroups-brotli")), allocator, executor)) {
            assertNestedColumnsOfTwoFiles(table);
            assertFalse(executor.isShutdown(), "the caller's executor is the caller's to shut down");
            assertTrue(executor.getCompletedTaskCount() > 2, "row groups were decoded on the caller's executor: " + executor);
            ParquetTablesTest.awaitNoThreadOfOurs();
        } finally {
            executor.shutdownNow();
        }
    }

    private static void assertNestedColumnsOfTwoFiles(VectorSchemaRoot table) throws SQLException {
        assertEquals(2 * ROWS, table.getRowCount());
        for (String column : List.of("l", "st", "m")) {
            List<String> expected = duckDbValues(file("smallgroups-zstd"), column, "to_json(" + column + ")::VARCHAR");
            for (int i = 0; i < ROWS; i++) {
                assertEquals(expected.get(i), text(table.getVector(column), i), column + " row " + i);
                assertEquals(expected.get(i), text(table.getVector(column), ROWS + i), column + " row " + (ROWS + i));
            }
        }
    }

    /** A file written by parquet-java, and what each row holds where DuckDB reads it otherwise (null: compare with DuckDB). */
    private record Written(String name, String schema, BiConsumer<Group, Integer> fill, String arrowType, IntFunction<String> expected,
            CompressionCodecName codec, boolean v2) {

        Written(String name, String schema, BiConsumer<Group, Integer> fill, String arrowType) {
            this(name, schema, fill, arrowType, null, CompressionCodecName.ZSTD, false);
        }
    }

    private static BigInteger int96Nanos(int i) {
        return BigInteger.valueOf(i * 13L - 5000).multiply(BigInteger.valueOf(86_400_000_000_000L))
                .add(BigInteger.valueOf((i * 1234567891L) % 86_400_000_000_000L));
    }

    private static BigInteger decimal256(int i) {
        return new BigInteger("1234567890123456789012345678901234567890123456789012345").multiply(BigInteger.valueOf(i - 1000));
    }

    private static byte[] bson(int i) {
        // {"a": int32 i}: length, type 0x10, "a\0", value, terminator
        return ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(12).put((byte) 0x10).put((byte) 'a').put((byte) 0).putInt(i)
                .put((byte) 0).array();
    }

    private static final String MIXED_SCHEMA = "message m { required int32 id; optional double d; optional binary s (STRING); "
            + "optional int64 ts (TIMESTAMP(MICROS,true)); optional fixed_len_byte_array(8) fx; }";

    private static void mixed(Group g, int i) {
        g.add("id", i);
        if (i % 7 != 3) {
            g.add("d", i * 0.5);
        }
        g.add("s", "prefix-shared-" + (i * 7919 % 100000));
        g.add("ts", 1_600_000_000_000_000L + i * 1_000_000L);
        g.add("fx", Binary.fromConstantByteArray(ByteBuffer.allocate(8).putLong(i * 31L).array()));
    }

    private static final List<Written> WRITTEN = List.of(
            // DuckDB reads INT96 as microseconds: compared with the nanoseconds written
            new Written("int96", "message m { optional int96 c; }", (g, i) -> g.add("c", Binary.fromConstantByteArray(
                    ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong((i * 1234567891L) % 86_400_000_000_000L).putInt(2440588 + i * 13 - 5000)
                            .array())), "Timestamp(NANOSECOND, null)", i -> int96Nanos(i).toString(), CompressionCodecName.ZSTD, false),
            new Written("list_2level", "message m { optional group c (LIST) { repeated int32 array; } }", (g, i) -> {
                Group list = g.addGroup("c");
                for (int k = 0; k < i % 4; k++) {
                    list.add("array", i + k);
                }
            }, "List"),
            new Written("list_2level_group", "message m { optional group c (LIST) { repeated group array { optional int32 x; optional binary y (STRING); } } }",
                    (g, i) -> {
                        Group list = g.addGroup("c");
                        for (int k = 0; k < i % 3; k++) {
                            Group element = list.addGroup("array");
                            element.add("x", i + k);
                            if (k == 0) {
                                element.add("y", "y" + i);
                            }
                        }
                    }, "List"),
            new Written("repeated_primitive", "message m { repeated int32 c; }", (g, i) -> {
                for (int k = 0; k < i % 4; k++) {
                    g.add("c", i * 10 + k);
                }
            }, "List"),
            new Written("float16", "message m { optional fixed_len_byte_array(2) c (FLOAT16); }", (g, i) -> {
                short half = Float.floatToFloat16(i * 0.5f - 100f);
                g.add("c", Binary.fromConstantByteArray(new byte[] {(byte) half, (byte) (half >> 8)}));
            }, "FloatingPoint(HALF)"),
            new Written("decimal_binary", "message m { optional binary c (DECIMAL(20,2)); }", (g, i) -> g.add("c", Binary.fromConstantByteArray(
                    BigInteger.valueOf(i).multiply(BigInteger.valueOf(123456789012345L)).multiply(BigInteger.valueOf(i % 2 == 0 ? 1 : -1)).toByteArray())),
                    "Decimal(20, 2, 128)"),
            // DuckDB reads a Decimal256 as a DOUBLE: compared with the decimals written
            new Written("decimal256", "message m { optional fixed_len_byte_array(32) c (DECIMAL(70,5)); }", (g, i) -> {
                byte[] raw = decimal256(i).toByteArray();
                byte[] bytes = new byte[32];
                java.util.Arrays.fill(bytes, 0, 32 - raw.length, (byte) (decimal256(i).signum() < 0 ? 0xff : 0));
                System.arraycopy(raw, 0, bytes, 32 - raw.length, raw.length);
                g.add("c", Binary.fromConstantByteArray(bytes));
            }, "Decimal(70, 5, 256)", i -> new BigDecimal(decimal256(i), 5).toPlainString(), CompressionCodecName.ZSTD, false),
            // DuckDB refuses BSON: compared with the bytes written
            new Written("bson", "message m { optional binary c (BSON); }", (g, i) -> g.add("c", Binary.fromConstantByteArray(bson(i))), "Binary",
                    i -> HexFormat.of().formatHex(bson(i)), CompressionCodecName.ZSTD, false),
            new Written("enum", "message m { optional binary c (ENUM); }", (g, i) -> g.add("c", new String[] {"sad", "ok", "happy"}[i % 3]), "Utf8"),
            new Written("geometry_pj", "message m { optional binary c (GEOMETRY); }", (g, i) -> g.add("c", Binary.fromConstantByteArray(
                    ByteBuffer.allocate(21).order(ByteOrder.LITTLE_ENDIAN).put((byte) 1).putInt(1).putDouble(i).putDouble(i * 2.0).array())), "Binary"),
            new Written("time_millis", "message m { optional int32 c (TIME(MILLIS,true)); }", (g, i) -> g.add("c", (i * 43123) % 86_400_000),
                    "Time(MILLISECOND, 32)"),
            new Written("timestamp_millis_local", "message m { optional int64 c (TIMESTAMP(MILLIS,false)); }",
                    (g, i) -> g.add("c", i * 1234567891L - 100_000_000_000L), "Timestamp(MILLISECOND, null)"),
            new Written("uint64", "message m { optional int64 c (INTEGER(64,false)); }", (g, i) -> g.add("c", -1L - i), "Int(64, false)"),
            new Written("lz4_hadoop", MIXED_SCHEMA, ParquetCompatibilityTest::mixed, "Int(32, true)", null, CompressionCodecName.LZ4, false),
            new Written("v2_delta_bss", MIXED_SCHEMA, ParquetCompatibilityTest::mixed, "Int(32, true)", null, CompressionCodecName.SNAPPY, true));

    private static void write(Written written, Path file) throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(written.schema());
        ExampleParquetWriter.Builder builder = ExampleParquetWriter.builder(new LocalOutputFile(file)).withConf(new PlainParquetConfiguration())
                .withType(schema).withCompressionCodec(written.codec());
        if (written.v2()) {
            builder = builder.withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0).withDictionaryEncoding(false)
                    .withByteStreamSplitEncoding(true).withPageRowCountLimit(500);
        }
        boolean nulls = schema.getFieldCount() == 1;
        try (ParquetWriter<Group> writer = builder.build()) {
            SimpleGroupFactory groups = new SimpleGroupFactory(schema);
            for (int i = 0; i < ROWS; i++) {
                Group group = groups.newGroup();
                if (!nulls || i % 7 != 6) {
                    written.fill().accept(group, i);
                }
                writer.write(group);
            }
        }
    }

    @Test
    void whatParquetJavaWritesAndDuckDbDoesNotReads() throws Exception {
        for (Written written : WRITTEN) {
            Path file = file("pj-" + written.name());
            write(written, file);
            try (VectorSchemaRoot table = ParquetTables.read(file, allocator)) {
                assertEquals(written.arrowType(), table.getSchema().getFields().getFirst().getType().toString(), written.name() + ": the Arrow type");
                if (written.expected() == null) {
                    assertSameAsDuckDb(table, file);
                } else {
                    for (int i = 0; i < ROWS; i++) {
                        String expected = i % 7 == 6 ? NULL : written.expected().apply(i);
                        assertEquals(expected, text(table.getVector(0), i), written.name() + " row " + i);
                    }
                }
            }
        }
    }

    @Test
    void bsonAndGeometryKeepTheirLogicalTypeInFieldMetadata() throws Exception {
        for (Written written : WRITTEN.stream().filter(w -> w.name().equals("bson") || w.name().equals("geometry_pj")).toList()) {
            Path file = file("meta-" + written.name());
            write(written, file);
            try (VectorSchemaRoot table = ParquetTables.read(file, allocator)) {
                String logical = table.getSchema().getFields().getFirst().getMetadata().get("parquet.logical_type");
                assertEquals(written.name().equals("bson") ? "BSON" : "GEOMETRY", logical, written.name());
            }
        }
    }

    @Test
    void aTruncatedFileIsNamedInTheError() throws Exception {
        Path truncated = dir.resolve("truncated.parquet");
        byte[] bytes = Files.readAllBytes(file("zstd"));
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> ParquetTables.read(truncated, allocator));
        assertTrue(e.getMessage().contains("truncated.parquet"), e.getMessage());
    }

    @Test
    void aDamagedNestedColumnIsNamedInTheError() throws Exception {
        Path damaged = dir.resolve("damaged.parquet");
        byte[] bytes = Files.readAllBytes(file("list_struct"));
        long start;
        long size;
        try (org.apache.parquet.hadoop.ParquetFileReader reader = org.apache.parquet.hadoop.ParquetFileReader.open(
                new org.apache.parquet.io.LocalInputFile(file("list_struct")))) {
            org.apache.parquet.hadoop.metadata.ColumnChunkMetaData chunk = reader.getFooter().getBlocks().getFirst().getColumns().getFirst();
            start = chunk.getStartingPos();
            size = chunk.getTotalSize();
        }
        for (long at = start + size / 3; at < start + size * 2 / 3; at++) {
            bytes[(int) at] = (byte) 0x5a;
        }
        Files.write(damaged, bytes);
        IOException e = assertThrows(IOException.class, () -> ParquetTables.read(damaged, allocator));
        assertTrue(e.getMessage().contains("damaged.parquet") && e.getMessage().contains("column 'c'") && e.getMessage().contains("int64 x"),
                e.getMessage());
    }

    @Test
    void aColumnOfATypeNotReadIsRefusedWithTheFileColumnAndType() throws Exception {
        Written wide = new Written("too_wide", "message m { optional fixed_len_byte_array(40) wide (DECIMAL(90,2)); }",
                (g, i) -> g.add("wide", Binary.fromConstantByteArray(new byte[40])), "");
        Path file = file("too_wide");
        write(wide, file);
        SerializationException e = assertThrows(SerializationException.class, () -> ParquetTables.read(file, allocator));
        assertTrue(e.getMessage().contains("too_wide.parquet") && e.getMessage().contains("'wide'") && e.getMessage().contains("DECIMAL(90,2)"),
                e.getMessage());
    }

    /** Compares every cell of every column of {@code table} with DuckDB's reading of {@code file}. */
    private static void assertSameAsDuckDb(VectorSchemaRoot table, Path file) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
            while (rows.next()) {
                types.put(rows.getString(1), rows.getString(2));
            }
        }
        assertEquals(List.copyOf(types.keySet()), table.getSchema().getFields().stream().map(Field::getName).toList(), file + ": the columns");
        for (Map.Entry<String, String> column : types.entrySet()) {
            List<String> expected = duckDbValues(file, column.getKey(), duckDbText(column.getKey(), column.getValue()));
            FieldVector vector = table.getVector(column.getKey());
            assertEquals(expected.size(), table.getRowCount(), file + ": rows");
            for (int i = 0; i < expected.size(); i++) {
                String actual = text(vector, i);
                if (!same(expected.get(i), actual)) {
                    throw new AssertionError(file.getFileName() + " column " + column.getKey() + " (" + column.getValue() + ") row " + i + ": DuckDB reads "
                            + expected.get(i) + ", ParquetTables " + actual);
                }
            }
        }
    }

    private static List<String> duckDbValues(Path file, String column, String expression) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery("SELECT " + expression + " FROM read_parquet('" + file + "')")) {
            while (rows.next()) {
                String value = rows.getString(1);
                values.add(value == null ? NULL : value);
            }
        }
        return values;
    }

    /** A DuckDB expression giving a column's values in the text form of {@link #text}. */
    private static String duckDbText(String column, String type) {
        String c = "\"" + column + "\"";
        if (type.startsWith("STRUCT") || type.startsWith("MAP") || type.endsWith("]")) {
            return "to_json(" + c + ")::VARCHAR";
        } else if (type.equals("BLOB")) {
            return "lower(hex(" + c + "))";
        } else if (type.startsWith("GEOMETRY")) {
            return "lower(hex(" + c + "::BLOB))";
        } else if (type.startsWith("TIME WITH") || type.equals("TIME") || type.equals("TIME_NS")) {
            String time = type.startsWith("TIME WITH") ? c + "::TIME" : c;
            return "(hour(" + time + ")::BIGINT * 3600000000000 + minute(" + time + ")::BIGINT * 60000000000 + nanosecond(" + time + "))::VARCHAR";
        } else if (type.startsWith("TIMESTAMP")) {
            return "epoch_ns(" + c + ")::VARCHAR";
        } else if (type.equals("INTERVAL")) {
            return "(datepart('year'," + c + ") * 12 + datepart('month'," + c + "))::VARCHAR || '/' || datepart('day'," + c + ") || '/' || "
                    + "(datepart('hour'," + c + ")::BIGINT * 3600000 + datepart('minute'," + c + ") * 60000 + datepart('millisecond'," + c + "))";
        }
        return c + "::VARCHAR";
    }

    /** The same text, or the same number. */
    private static boolean same(String expected, String actual) {
        if (expected.equals(actual)) {
            return true;
        }
        try {
            return new BigDecimal(expected).compareTo(new BigDecimal(actual)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A cell as text: numbers, dates as ISO dates, times and timestamps in nanoseconds, binary in hex, nested values as DuckDB's JSON. */
    private static String text(ValueVector vector, int i) {
        if (vector.isNull(i)) {
            return NULL;
        }
        if (vector instanceof ListVector || vector instanceof StructVector) {
            return json(vector, i);
        }
        return switch (vector) {
            case UInt1Vector u -> Integer.toString(Byte.toUnsignedInt(u.get(i)));
            case UInt2Vector u -> Integer.toString(u.get(i));
            case UInt4Vector u -> Integer.toUnsignedString(u.get(i));
            case UInt8Vector u -> Long.toUnsignedString(u.get(i));
            case TinyIntVector v -> Byte.toString(v.get(i));
            case SmallIntVector v -> Short.toString(v.get(i));
            case IntVector v -> Integer.toString(v.get(i));
            case BigIntVector v -> Long.toString(v.get(i));
            case Float2Vector v -> Float.toString(v.getValueAsFloat(i));
            case Float4Vector v -> Float.toString(v.get(i));
            case Float8Vector v -> Double.toString(v.get(i));
            case BitVector v -> Boolean.toString(v.get(i) == 1);
            case DecimalVector v -> v.getObject(i).toPlainString();
            case Decimal256Vector v -> v.getObject(i).toPlainString();
            case DateDayVector v -> LocalDate.ofEpochDay(v.get(i)).toString();
            case TimeMilliVector v -> Long.toString(v.get(i) * 1_000_000L);
            case TimeMicroVector v -> Long.toString(v.get(i) * 1_000L);
            case TimeNanoVector v -> Long.toString(v.get(i));
            case TimeStampVector v -> BigInteger.valueOf(v.get(i)).multiply(BigInteger.valueOf(switch (((ArrowType.Timestamp) v.getField().getType()).getUnit()) {
                case SECOND -> 1_000_000_000L;
                case MILLISECOND -> 1_000_000L;
                case MICROSECOND -> 1_000L;
                case NANOSECOND -> 1L;
            })).toString();
            case IntervalMonthDayNanoVector v -> {
                NullableIntervalMonthDayNanoHolder holder = new NullableIntervalMonthDayNanoHolder();
                v.get(i, holder);
                yield holder.months + "/" + holder.days + "/" + holder.nanoseconds / 1_000_000L;
            }
            case FixedSizeBinaryVector v when "UUID".equals(v.getField().getMetadata().get("parquet.logical_type")) -> {
                ByteBuffer bytes = ByteBuffer.wrap(v.get(i));
                yield new UUID(bytes.getLong(), bytes.getLong()).toString();
            }
            case FixedSizeBinaryVector v -> HexFormat.of().formatHex(v.get(i));
            case VarBinaryVector v -> HexFormat.of().formatHex(v.get(i));
            case VarCharVector v -> v.getObject(i).toString();
            default -> throw new AssertionError("no text form for " + vector.getField());
        };
    }

    /** A value as DuckDB's {@code to_json} writes it. */
    private static String json(ValueVector vector, int i) {
        if (vector.isNull(i)) {
            return "null";
        }
        switch (vector) {
            case MapVector map -> {
                StructVector entries = (StructVector) map.getDataVector();
                StringJoiner json = new StringJoiner(",", "{", "}");
                for (int k = map.getElementStartIndex(i); k < map.getElementEndIndex(i); k++) {
                    json.add("\"" + text(entries.getChildByOrdinal(0), k) + "\":" + json(entries.getChildByOrdinal(1), k));
                }
                return json.toString();
            }
            case ListVector list -> {
                StringJoiner json = new StringJoiner(",", "[", "]");
                for (int k = list.getElementStartIndex(i); k < list.getElementEndIndex(i); k++) {
                    json.add(json(list.getDataVector(), k));
                }
                return json.toString();
            }
            case StructVector struct -> {
                StringJoiner json = new StringJoiner(",", "{", "}");
                for (int c = 0; c < struct.size(); c++) {
                    ValueVector child = struct.getChildByOrdinal(c);
                    json.add("\"" + child.getName() + "\":" + json(child, i));
                }
                return json.toString();
            }
            case VarCharVector v -> {
                return "\"" + v.getObject(i).toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            }
            default -> {
                return text(vector, i);
            }
        }
    }
}
