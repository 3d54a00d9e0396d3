package dev.rivulet.tables.internal;

import dev.rivulet.io.AtomicFile;
import dev.rivulet.result.SerializationException;
import dev.rivulet.tables.ParquetOptions;
import dev.rivulet.tables.internal.ColumnWriters.ColumnWriter;
import dev.rivulet.tables.internal.ColumnWriters.ValueNotWritable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes the rows of Arrow vectors to Parquet through parquet-java's record writer, with no Hadoop
 * file system: all rows, or a selection of row indexes (one partition of a table), so that no
 * partition is ever copied out of the table first.
 */
public final class ParquetTableWriter {

    private ParquetTableWriter() {}

    /** Writes the rows {@code rows} (null: all {@code rowCount} rows) of {@code vectors} to {@code file}. */
    public static void write(Schema schema, List<FieldVector> vectors, int[] rows, int rowCount, OutputFile file, ParquetOptions options)
            throws IOException {
        MessageType parquetSchema = ArrowToParquetSchema.of(schema);
        ParquetConfiguration conf = new PlainParquetConfiguration();
        conf.setInt("parquet.compression.codec.zstd.level", options.zstdLevel());
        ColumnWriter[] writers = new ColumnWriter[vectors.size()];
        for (int c = 0; c < writers.length; c++) {
            writers[c] = ColumnWriters.of(vectors.get(c), vectors.get(c).getName());
        }
        OutputFile target = IntervalFooter.correcting(file, parquetSchema);
        try (ParquetWriter<Integer> writer = new Builder(target, new RowWriteSupport(parquetSchema, schema, vectors, writers))
                .withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withRowGroupSize(options.rowGroupBytes())
                .withRowGroupRowCountLimit(options.rowGroupRows())
                .withPageSize(options.pageBytes())
                .withDictionaryEncoding(options.dictionary())
                .build()) {
            int count = rows == null ? rowCount : rows.length;
            for (int i = 0; i < count; i++) {
                int row = rows == null ? i : rows[i];
                try {
                    writer.write(row);
                } catch (ValueNotWritable e) {
                    throw new SerializationException("column '" + e.path + "', row " + row + ": " + e.getMessage()
                            + "; change the value, or use the \"arrow\" serializer, which keeps every Arrow value", e);
                }
            }
            IntervalFooter.holdTheRest(target);      // closing writes the footer
        }
    }

    /**
     * Writes to {@code target} through an {@link AtomicFile}, so a reader sees the whole file or
     * none (or the previous one). Not forced to disk, as a run that lost the file to a crash of
     * the machine writes it again.
     */
    public static void writeAtomically(Schema schema, List<FieldVector> vectors, int[] rows, int rowCount, Path target, ParquetOptions options)
            throws IOException {
        try (AtomicFile file = AtomicFile.create(target, AtomicFile.Durability.NOT_FORCED)) {
            write(schema, vectors, rows, rowCount, onStream(file.outputStream()), options);
            file.commit();
        }
    }

    /** An {@link OutputFile} over a stream that stays open: Parquet writes sequentially, so a stream will do. */
    public static OutputFile onStream(OutputStream out) {
        return new OutputFile() {
            @Override
            public PositionOutputStream create(long blockSizeHint) {
                return new PositionOutputStream() {
                    private long position;

                    @Override
                    public long getPos() {
                        return position;
                    }

                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                        position++;
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                        position += len;
                    }

                    @Override
                    public void flush() throws IOException {
                        out.flush();
                    }

                    @Override
                    public void close() throws IOException {
                        out.flush();                     // the stream is the caller's
                    }
                };
            }

            @Override
            public PositionOutputStream createOrOverwrite(long blockSizeHint) {
                return create(blockSizeHint);
            }

            @Override
            public boolean supportsBlockSize() {
                return false;
            }

            @Override
            public long defaultBlockSize() {
                return 0;
            }
        };
    }

    private static final class RowWriteSupport extends WriteSupport<Integer> {
        private final MessageType parquetSchema;
        private final Schema arrowSchema;
        private final List<FieldVector> vectors;
        private final ColumnWriter[] writers;
        private final String[] names;
        private RecordConsumer consumer;

        RowWriteSupport(MessageType parquetSchema, Schema arrowSchema, List<FieldVector> vectors, ColumnWriter[] writers) {
            this.parquetSchema = parquetSchema;
            this.arrowSchema = arrowSchema;
            this.vectors = vectors;
            this.writers = writers;
            this.names = vectors.stream().map(v -> v.getField().getName()).toArray(String[]::new);
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return context();
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return context();
        }

        private WriteContext context() {
            return new WriteContext(parquetSchema, Map.of(ParquetSchemas.ARROW_SCHEMA_KEY, arrowSchema.toJson()));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Integer row) {
            int r = row;
            consumer.startMessage();
            for (int c = 0; c < writers.length; c++) {
                if (!vectors.get(c).isNull(r)) {
                    consumer.startField(names[c], c);
                    writers[c].write(consumer, r);
                    consumer.endField(names[c], c);
                }
            }
            consumer.endMessage();
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
        private final WriteSupport<Integer> support;

        Builder(OutputFile file, WriteSupport<Integer> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }
}
