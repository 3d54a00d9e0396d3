package dev.rivulet.storage.s3.internal.transfer;

import java.io.IOException;

/**
 * Reading the local data of an upload, or writing a download to its file, failed: a missing file,
 * a full disk. Another request would not help, so it is not retried.
 */
public final class LocalFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public LocalFileException(String message, IOException cause) {
        super(message, cause);
    }
}
