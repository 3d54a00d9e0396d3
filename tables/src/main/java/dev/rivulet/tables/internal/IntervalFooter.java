package dev.rivulet.tables.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Corrects the footer parquet-java writes for INTERVAL columns. Parquet's logical types have no
 * INTERVAL (only the legacy converted type does), and parquet-java writes such a column with the
 * converted type INTERVAL beside the logical type UNKNOWN, which means "always null": DuckDB, as
 * the spec asks, then reads every interval as null. This drops the UNKNOWN, leaving the converted
 * type, as other writers do.
 *
 * <p>The footer is the last thing written, so the bytes written once the writer starts closing
 * (the last row group, the page indexes and the footer) are held in memory, the footer corrected,
 * and all passed on when the stream closes. Only files with an INTERVAL column pay for it.
 */
final class IntervalFooter implements OutputFile {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private final OutputFile file;
    private TailHolding stream;

    private IntervalFooter(OutputFile file) {
        this.file = file;
    }

    /** {@code file}, corrected when {@code schema} has an INTERVAL column; call {@link #holdTheRest(OutputFile)} before closing the writer. */
    static OutputFile correcting(OutputFile file, MessageType schema) {
        return hasInterval(schema.getFields()) ? new IntervalFooter(file) : file;
    }

    /** From now on, the bytes written to {@code file} are held until its stream closes; nothing if it needs no correction. */
    static void holdTheRest(OutputFile file) {
        if (file instanceof IntervalFooter footer && footer.stream != null) {
            footer.stream.holding = new ByteArrayOutputStream();
        }
    }

    private static boolean hasInterval(java.util.List<Type> fields) {
        for (Type field : fields) {
            if (field.isPrimitive() ? field.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.IntervalLogicalTypeAnnotation
                    : hasInterval(field.asGroupType().getFields())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        stream = new TailHolding(file.create(blockSizeHint));
        return stream;
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        stream = new TailHolding(file.createOrOverwrite(blockSizeHint));
        return stream;
    }

    @Override
    public boolean supportsBlockSize() {
        return file.supportsBlockSize();
    }

    @Override
    public long defaultBlockSize() {
        return file.defaultBlockSize();
    }

    /** {@code tail}, the end of a Parquet file that holds its whole footer, with the footer corrected. */
    static byte[] corrected(byte[] tail) throws IOException {
        int n = tail.length;
        if (n < 8 || !Arrays.equals(tail, n - 4, n, MAGIC, 0, 4)) {
            throw new IOException("the end of the Parquet file written is not a footer");
        }
        int footerLength = ByteBuffer.wrap(tail, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int footerStart = n - 8 - footerLength;
        FileMetaData metadata = Util.readFileMetaData(new ByteArrayInputStream(tail, footerStart, footerLength));
        for (SchemaElement element : metadata.getSchema()) {
            if (element.getConverted_type() == ConvertedType.INTERVAL && element.isSetLogicalType() && element.getLogicalType().isSetUNKNOWN()) {
                element.unsetLogicalType();
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 64);
        out.write(tail, 0, footerStart);
        Util.writeFileMetaData(metadata, out);
        int correctedLength = out.size() - footerStart;
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(correctedLength).array());
        out.write(MAGIC);
        return out.toByteArray();
    }

    private static final class TailHolding extends PositionOutputStream {
        private final PositionOutputStream out;
        ByteArrayOutputStream holding;

        TailHolding(PositionOutputStream out) {
            this.out = out;
        }

        @Override
        public long getPos() throws IOException {
            return out.getPos() + (holding == null ? 0 : holding.size());
        }

        @Override
        public void write(int b) throws IOException {
            if (holding == null) {
                out.write(b);
            } else {
                holding.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (holding == null) {
                out.write(b, off, len);
            } else {
                holding.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (holding != null) {
                out.write(corrected(holding.toByteArray()));
                holding = null;
            }
            out.close();
        }
    }
}
