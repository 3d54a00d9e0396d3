package dev.rivulet.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivulet.io.RangedSource;
import dev.rivulet.io.RangedSources;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example in {@link RangedSource}'s javadoc: reading a Parquet file's footer by range. */
class RangedSourceSnippetsTest {

    @TempDir
    Path dir;

    // @start region=footer
    /** The footer of a Parquet file (its metadata), at a path, file:, http(s):// or s3:// URI. */
    static ByteBuffer parquetFooter(String location) throws IOException {
        try (RangedSource file = RangedSources.open(location)) {
            // A Parquet file ends with the footer's length (4 bytes, little-endian) and "PAR1".
            ByteBuffer tail = file.read(file.size() - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
            int footerLength = tail.getInt(0);
            return file.read(file.size() - 8 - footerLength, footerLength);
        }
    }
    // @end

    @Test
    void theFooterIsTheBytesBeforeItsLengthAndTheMagic() throws IOException {
        byte[] footer = "footer metadata".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer file = ByteBuffer.allocate(4 + 100 + footer.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        file.put("PAR1".getBytes(StandardCharsets.US_ASCII)).put(new byte[100]).put(footer).putInt(footer.length)
                .put("PAR1".getBytes(StandardCharsets.US_ASCII));
        Path parquet = Files.write(dir.resolve("trips.parquet"), file.array());

        assertEquals(ByteBuffer.wrap(footer), parquetFooter(parquet.toString()));
        assertEquals(ByteBuffer.wrap(footer), parquetFooter(parquet.toUri().toString()));
    }
}
