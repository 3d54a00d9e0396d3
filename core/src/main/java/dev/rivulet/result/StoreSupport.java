package dev.rivulet.result;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * What every {@link ResultStore} implementation needs: key checks, and streams that count and
 * checksum bytes on the way in and verify them on the way out.
 */
public final class StoreSupport {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._=-]+");

    private StoreSupport() {}

    /**
     * Checks a storage key: relative, {@code /}-separated segments of {@code [A-Za-z0-9._=-]}, none
     * of them {@code .} or {@code ..}, at most 1024 characters.
     *
     * @param key a storage key, such as {@code task/3fe05eb7}
     * @return {@code key}
     * @throws IllegalArgumentException naming the key and the rule it breaks
     */
    public static String checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > 1024) {
            throw new IllegalArgumentException("storage key must have 1 to 1024 characters, was " + (key == null ? "null" : "'" + key + "'"));
        }
        if (key.startsWith("/") || key.endsWith("/")) {
            throw new IllegalArgumentException("storage key '" + key + "' must be a relative path without a leading or trailing '/'");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("storage key '" + key + "' escapes the store's root: '" + segment + "' is not allowed");
            }
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("storage key '" + key + "' has segment '" + segment
                        + "'; segments use only letters, digits and . _ = -");
            }
        }
        return key;
    }

    /**
     * {@return CRC32C as 8 lower-case hex digits}
     *
     * @param crc the checksum of some bytes
     */
    public static String hex(CRC32C crc) {
        return String.format("%08x", crc.getValue());
    }

    /** An output stream that counts and checksums what passes through it; closing it does not close the target. */
    public static final class ChecksummingOutputStream extends FilterOutputStream {
        private final CRC32C crc = new CRC32C();
        private long size;

        /**
         * Counts and checksums what goes to {@code out}.
         *
         * @param out the stream written through
         */
        public ChecksummingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            crc.update(b);
            size++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            crc.update(b, off, len);
            size += len;
        }

        @Override
        public void close() throws IOException {
            flush();
        }

        /** {@return how many bytes have passed through} */
        public long size() {
            return size;
        }

        /** {@return the CRC32C of the bytes that have passed through, as {@link #hex} writes it} */
        public String checksum() {
            return hex(crc);
        }
    }

    /**
     * An input stream over a stored result's bytes that, on reaching their end, checks their size
     * and checksum against {@code record} and throws {@link CorruptResultException} on a mismatch.
     *
     * @param in the stored bytes
     * @param record the entry's record, with the size and checksum written
     * @return a stream that reads {@code in} and verifies it at its end
     */
    public static InputStream verifying(InputStream in, ResultRecord record) {
        return new VerifyingInputStream(in, record);
    }

    private static final class VerifyingInputStream extends FilterInputStream {
        private final ResultRecord record;
        private final CRC32C crc = new CRC32C();
        private long read;
        private boolean verified;

        VerifyingInputStream(InputStream in, ResultRecord record) {
            super(in);
            this.record = record;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                verify();
            } else {
                crc.update(b);
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n < 0) {
                verify();
            } else {
                crc.update(b, off, n);
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void count(int n) throws CorruptResultException {
            read += n;
            if (read > record.size()) {
                throw new CorruptResultException("stored result '" + record.key() + "' has more than its recorded " + record.size() + " bytes");
            }
        }

        private void verify() throws CorruptResultException {
            if (verified) {
                return;
            }
            verified = true;
            if (read != record.size()) {
                throw new CorruptResultException("stored result '" + record.key() + "' is truncated: " + read + " of " + record.size() + " bytes");
            }
            if (record.checksum() != null && !record.checksum().equals(hex(crc))) {
                throw new CorruptResultException("stored result '" + record.key() + "' is corrupt: checksum " + hex(crc)
                        + ", recorded " + record.checksum());
            }
        }
    }
}
