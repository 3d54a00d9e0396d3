package dev.rivulet.tables.internal;

import static dev.rivulet.tables.ColumnPredicate.between;
import static dev.rivulet.tables.ColumnPredicate.equalTo;
import static dev.rivulet.tables.ColumnPredicate.greaterThan;
import static dev.rivulet.tables.ColumnPredicate.greaterThanOrEqualTo;
import static dev.rivulet.tables.ColumnPredicate.in;
import static dev.rivulet.tables.ColumnPredicate.isNotNull;
import static dev.rivulet.tables.ColumnPredicate.isNull;
import static dev.rivulet.tables.ColumnPredicate.lessThan;
import static dev.rivulet.tables.ColumnPredicate.lessThanOrEqualTo;
import static dev.rivulet.tables.ColumnPredicate.notEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.tables.ColumnPredicate;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row groups kept and skipped by conditions on their statistics, in a file parquet-java writes with
 * five row groups of 100 rows: row {@code i} lies in row group {@code i / 100}.
 */
class StatisticsFilterTest {

    private static final int ROWS = 500;
    private static final int GROUP = 100;
    private static final long MICROS_BASE = 1_693_526_400_000_000L; // 2023-09-01T00:00:00Z
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message m {
              required int64 id;
              optional int32 price (DECIMAL(9,2));
              optional fixed_len_byte_array(16) big (DECIMAL(38,4));
              optional int32 small_unsigned (INTEGER(32,false));
              optional int64 huge_unsigned (INTEGER(64,false));
              optional binary name (STRING);
              optional binary raw;
              optional int64 at (TIMESTAMP(MICROS,true));
              optional int64 local (TIMESTAMP(MILLIS,false));
              optional int32 day (DATE);
              optional int64 clock (TIME(MICROS,false));
              optional double ratio;
              optional fixed_len_byte_array(2) half (FLOAT16);
              optional fixed_len_byte_array(16) key (UUID);
              optional boolean flag;
              optional int32 empty;
              optional int96 legacy;
              optional binary shape (GEOMETRY);
              optional group pickup { optional int32 zone; }
              optional group tags (LIST) { repeated group list { optional binary element (STRING); } }
            }""");

    @TempDir
    static Path directory;

    private static Path file;
    private static ParquetMetadata footer;

    @BeforeAll
    static void writeFile() throws IOException {
        file = directory.resolve("rows.parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withConf(new PlainParquetConfiguration())
                .withType(SCHEMA).withRowGroupRowCountLimit(GROUP).withDictionaryEncoding(false).build()) {
            for (int i = 0; i < ROWS; i++) {
                writer.write(row(groups.newGroup(), i));
            }
        }
        footer = ParquetFileReader.readFooter(new LocalInputFile(file), ParquetMetadataConverter.NO_FILTER);
        assertEquals(ROWS / GROUP, footer.getBlocks().size(), "the file's row groups");
    }

    private static Group row(Group row, int i) {
        row.add("id", (long) i);
        row.add("price", i * 101); // i * 1.01
        row.add("big", Binary.fromConstantByteArray(fixed16(BigInteger.valueOf(i).multiply(BigInteger.TEN.pow(30)).negate())));
        row.add("small_unsigned", (int) (4_000_000_000L + i)); // above Integer.MAX_VALUE: negative when read signed
        row.add("huge_unsigned", new BigInteger("18000000000000000000").add(BigInteger.valueOf(i)).longValue());
        row.add("name", "k" + "%03d".formatted(i));
        row.add("raw", Binary.fromConstantByteArray(new byte[] {(byte) (i / GROUP * 60), 1})); // 0x00, 0x3c, 0x78, 0xb4, 0xf0: signed order differs
        row.add("at", MICROS_BASE + i * 3_600_000_000L); // hourly
        row.add("local", MICROS_BASE / 1000 + i * 60_000L); // a minute apart
        row.add("day", (int) LocalDate.of(2023, 1, 1).toEpochDay() + i);
        row.add("clock", i * 60_000_000L); // minute i of the day
        row.add("ratio", i - 250.5);
        short half = Float.floatToFloat16(i / 4f);
        row.add("half", Binary.fromConstantByteArray(new byte[] {(byte) half, (byte) (half >> 8)}));
        row.add("key", Binary.fromConstantByteArray(uuidBytes(new UUID(i, i))));
        row.add("flag", i / GROUP == 2);
        if (i / GROUP != 2) {
            row.add("empty", i); // all null in row group 2
        }
        row.add("legacy", Binary.fromConstantByteArray(ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(0).putInt(2460189 + i).array()));
        row.add("shape", Binary.fromConstantByteArray(new byte[] {1, (byte) i}));
        row.addGroup("pickup").add("zone", i / GROUP * 10 + i % 3);
        row.addGroup("tags").addGroup("list").add("element", "t" + i);
        return row;
    }

    private static byte[] fixed16(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[16];
        java.util.Arrays.fill(out, 0, 16 - raw.length, (byte) (value.signum() < 0 ? 0xff : 0));
        System.arraycopy(raw, 0, out, 16 - raw.length, raw.length);
        return out;
    }

    private static byte[] uuidBytes(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
    }

    /** The row groups {@code predicate} keeps, by number. */
    private static List<Integer> kept(ColumnPredicate predicate) {
        StatisticsFilter filter = StatisticsFilter.bind(predicate, SCHEMA, file.toString());
        List<Integer> kept = new ArrayList<>();
        List<BlockMetaData> blocks = footer.getBlocks();
        for (int g = 0; g < blocks.size(); g++) {
            if (filter.mightMatch(blocks.get(g))) {
                kept.add(g);
            }
        }
        return kept;
    }

    private static List<Integer> groups(int... numbers) {
        return IntStream.of(numbers).boxed().toList();
    }

    @Test
    void comparisonsKeepOnlyTheRowGroupsWhoseRangeCanMatch() {
        assertEquals(groups(2), kept(equalTo("id", 250)));
        assertEquals(groups(0, 1), kept(lessThan("id", 200L)));
        assertEquals(groups(0, 1, 2), kept(lessThanOrEqualTo("id", 200)));
        assertEquals(groups(4), kept(greaterThan("id", 399)));
        assertEquals(groups(3, 4), kept(greaterThanOrEqualTo("id", BigInteger.valueOf(399))));
        assertEquals(groups(1, 2, 3), kept(between("id", 150, 320)));
        assertEquals(groups(), kept(greaterThan("id", 499)));
        assertEquals(groups(1, 3), kept(in("id", List.of(120, 399, 100_000))));
    }

    @Test
    void notEqualSkipsOnlyARowGroupOfThatOneValue() {
        assertEquals(groups(0, 1, 3, 4), kept(notEqualTo("flag", true)), "row group 2 is all true");
        assertEquals(groups(0, 1, 2, 3, 4), kept(notEqualTo("id", 250)));
    }

    @Test
    void decimalsCompareExactlyWhateverTheirScaleOrPhysicalType() {
        // price = i * 1.01: row group 2 holds 202.00 to 301.99 (row 299: 301.99)
        assertEquals(groups(2), kept(equalTo("price", new BigDecimal("250.47")))); // row 248 is 250.48; still inside the range
        assertEquals(groups(3, 4), kept(greaterThan("price", new BigDecimal("301.99"))));
        assertEquals(groups(2, 3, 4), kept(greaterThan("price", new BigDecimal("301.985"))));
        assertEquals(groups(2, 3, 4), kept(greaterThanOrEqualTo("price", 301.99)), "a double is the decimal it prints as");
        // big = -i * 10^30 at scale 4 (fixed-length, two's complement): row group 4 holds the most negative
        assertEquals(groups(4), kept(lessThan("big", new BigDecimal("-4.0e28"))));
        assertEquals(groups(0), kept(greaterThan("big", new BigDecimal("-1e26").add(BigDecimal.ONE.negate()))));
    }

    @Test
    void unsignedIntegersAndBinaryCompareUnsigned() {
        assertEquals(groups(4), kept(greaterThanOrEqualTo("small_unsigned", 4_000_000_400L)));
        assertEquals(groups(0), kept(lessThan("small_unsigned", 4_000_000_100L)));
        BigInteger base = new BigInteger("18000000000000000000");
        assertEquals(groups(3), kept(equalTo("huge_unsigned", base.add(BigInteger.valueOf(333)))));
        assertEquals(groups(3, 4), kept(greaterThan("raw", new byte[] {(byte) 0x78, 9})), "0xb4 and 0xf0 are above 0x78 unsigned");
    }

    @Test
    void stringsCompareAsParquetOrdersThem() {
        assertEquals(groups(2), kept(equalTo("name", "k250")));
        assertEquals(groups(4), kept(greaterThan("name", "k399")));
        assertEquals(groups(), kept(greaterThan("name", "k499")));
        assertEquals(groups(0, 1, 2, 3, 4), kept(lessThan("name", "é")), "é is above every ASCII letter in UTF-8 order");
    }

    @Test
    void datesTimesAndTimestampsCompareAsJavaTimeValues() {
        Instant at = Instant.ofEpochSecond(MICROS_BASE / 1_000_000).plusSeconds(3600L * 310);
        assertEquals(groups(3), kept(equalTo("at", at)));
        LocalDateTime local = LocalDateTime.ofEpochSecond(MICROS_BASE / 1_000_000, 0, ZoneOffset.UTC).plusMinutes(120);
        assertEquals(groups(1), kept(equalTo("local", local)));
        assertEquals(groups(0), kept(lessThan("day", LocalDate.of(2023, 1, 1).plusDays(100))));
        assertEquals(groups(4), kept(greaterThan("clock", LocalTime.of(6, 39))));
    }

    @Test
    void floatingPointUuidAndBooleanColumns() {
        assertEquals(groups(0), kept(lessThan("ratio", -150.5)));
        assertEquals(groups(4), kept(greaterThan("half", 99.9f)));
        assertEquals(groups(2), kept(equalTo("key", new UUID(250, 250))));
        assertEquals(groups(2), kept(equalTo("flag", true)));
    }

    @Test
    void nullsMatchNoComparisonAndNullChecksUseNullCounts() {
        assertEquals(groups(0, 1, 3, 4), kept(isNotNull("empty")));
        assertEquals(groups(2), kept(isNull("empty")));
        assertEquals(groups(), kept(isNull("id")));
        assertEquals(groups(0, 1, 3, 4), kept(greaterThanOrEqualTo("empty", 0)), "row group 2 holds only nulls");
    }

    @Test
    void andAndOrCombineRowGroups() {
        assertEquals(groups(1, 2), kept(greaterThan("id", 150).and(lessThan("name", "k300"))));
        assertEquals(groups(0, 4), kept(lessThan("id", 50).or(greaterThan("id", 450))));
        assertEquals(groups(1, 4), kept(equalTo("pickup.zone", 12).or(equalTo("pickup.zone", 41))), "a struct's field by its dotted path");
    }

    @Test
    void aTypeWithoutTrustworthyStatisticsKeepsEveryRowGroup() {
        assertEquals(groups(0, 1, 2, 3, 4), kept(lessThan("legacy", Instant.EPOCH)));
    }

    @Test
    void aFileWithoutStatisticsIsReadWhole(@TempDir Path scratch) throws IOException {
        Path bare = scratch.resolve("bare.parquet");
        MessageType schema = MessageTypeParser.parseMessageType("message m { required int64 id; }");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(bare)).withConf(new PlainParquetConfiguration())
                .withType(schema).withRowGroupRowCountLimit(GROUP).withStatisticsEnabled(false).build()) {
            for (int i = 0; i < 300; i++) {
                writer.write(groups.newGroup().append("id", (long) i));
            }
        }
        ParquetMetadata bareFooter = ParquetFileReader.readFooter(new LocalInputFile(bare), ParquetMetadataConverter.NO_FILTER);
        StatisticsFilter filter = StatisticsFilter.bind(equalTo("id", 5), schema, bare.toString());
        assertEquals(3, bareFooter.getBlocks().size());
        assertTrue(bareFooter.getBlocks().stream().allMatch(filter::mightMatch));
    }

    @Test
    void badConditionsFailNamingColumnTypeAndFix() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> kept(equalTo("fare", 1)));
        assertTrue(missing.getMessage().contains("\"fare\"") && missing.getMessage().contains("pickup.zone"), missing.getMessage());
        IllegalArgumentException group = assertThrows(IllegalArgumentException.class, () -> kept(equalTo("pickup", 1)));
        assertTrue(group.getMessage().contains("pickup.zone"), group.getMessage());
        IllegalArgumentException list = assertThrows(IllegalArgumentException.class, () -> kept(equalTo("tags.list.element", "t1")));
        assertTrue(list.getMessage().contains("inside a list"), list.getMessage());
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> kept(equalTo("name", 5)));
        assertTrue(kind.getMessage().contains("\"name\"") && kind.getMessage().contains("STRING")
                && kind.getMessage().contains("java.lang.Integer") && kind.getMessage().contains("give a String"), kind.getMessage());
        IllegalArgumentException zone = assertThrows(IllegalArgumentException.class, () -> kept(equalTo("at", LocalDateTime.now())));
        assertTrue(zone.getMessage().contains("give an Instant"), zone.getMessage());
        IllegalArgumentException unordered = assertThrows(IllegalArgumentException.class, () -> kept(equalTo("shape", new byte[] {1})));
        assertTrue(unordered.getMessage().contains("no order"), unordered.getMessage());
        IllegalArgumentException nullValue = assertThrows(IllegalArgumentException.class, () -> equalTo("id", null));
        assertTrue(nullValue.getMessage().contains("isNull(\"id\")"), nullValue.getMessage());
        assertThrows(IllegalArgumentException.class, () -> equalTo("id", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> equalTo("id", new Object()));
        assertThrows(IllegalArgumentException.class, () -> in("id", List.of()));
    }

    @Test
    void conditionsPrintAsSql() {
        assertEquals("(id >= 1 and id <= 9)", between("id", 1, 9).toString());
        assertEquals("(name = 'a' or pickup.zone is null)", equalTo("name", "a").or(isNull("pickup.zone")).toString());
    }
}
