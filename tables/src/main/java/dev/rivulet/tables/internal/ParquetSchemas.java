package dev.rivulet.tables.internal;

/**
 * What the Parquet files' two directions share: the key of the Arrow schema in the key-value
 * metadata. {@link ArrowToParquetSchema} maps Arrow schemas to Parquet for writing, {@link
 * ParquetArrowSchema} maps them back for reading. The Arrow schema is kept in the file's metadata,
 * so that what Parquet cannot say (an Arrow time zone name, field metadata) comes back as written.
 */
public final class ParquetSchemas {

    /** The key-value metadata key under which the Arrow schema (as JSON) is stored. */
    public static final String ARROW_SCHEMA_KEY = "rivulet.arrow.schema";

    private ParquetSchemas() {}
}
