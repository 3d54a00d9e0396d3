package dev.rivulet.io;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

/**
 * Opens {@link RangedSource}s for URIs of some schemes, such as {@code s3}. {@link
 * RangedSources#open(URI)} finds providers with {@link java.util.ServiceLoader}: a module declares
 * {@code provides dev.rivulet.io.RangedSourceProvider with ...} (and, for the class path, lists the
 * class in {@code META-INF/services/dev.rivulet.io.RangedSourceProvider}); the class needs a public
 * constructor without parameters. {@code dev.rivulet:rivulet-storage-s3} provides {@code s3}.
 *
 * <p>One instance serves every {@code open} of its schemes for the life of the JVM, from many
 * threads at once, so it keeps what sources share (a client, a connection pool) and reuses it. The
 * schemes {@code file}, {@code http} and {@code https} are built in and cannot be provided. Test a
 * provider with the contract suite {@code RangedSourceContract} of {@code dev.rivulet:rivulet-testing}.
 */
public interface RangedSourceProvider {

    /** {@return the schemes of the URIs this provider opens, in lower case, such as {@code s3}} */
    Set<String> schemes();

    /**
     * Opens the object at {@code uri}, taking its size.
     *
     * @param uri a URI whose scheme is one of {@link #schemes()}, in any case
     * @return the open source, named by {@code uri}; the caller closes it
     * @throws java.nio.file.NoSuchFileException if there is no object at {@code uri}, naming it
     * @throws IllegalArgumentException if {@code uri} is not a valid URI of its scheme (no bucket, say)
     * @throws IOException if the object cannot be reached
     */
    RangedSource open(URI uri) throws IOException;
}
