package dev.rivulet.storage.s3.internal.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Where the bytes of one download go, each range at its own offset, from any thread. */
sealed interface DownloadTarget permits FileTarget, MemoryTarget {

    /**
     * Reads at most {@code max} bytes from {@code in} and puts them at {@code offset}, adding them
     * to {@code digest} unless it is null.
     *
     * @return how many bytes were read, or -1 at the end of {@code in}
     */
    int readFrom(InputStream in, long offset, int max, MessageDigest digest) throws IOException;

    /** Gives up on the download and frees what it holds. */
    void discard();
}
