package dev.rivulet.io;

import dev.rivulet.internal.io.RangedSourceRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Opens a {@link RangedSource} for a URI or a path, as {@code pandas.read_parquet(url)} takes
 * either:
 * <ul>
 *   <li>a path ({@code data/trips.parquet}, {@code /data/trips.parquet}) or a {@code file:} URI:
 *       the local file, read with positional reads of one {@link java.nio.channels.FileChannel};</li>
 *   <li>{@code http://} and {@code https://}: {@code GET} requests with a {@code Range} header,
 *       on one shared {@link java.net.http.HttpClient} (redirects followed). Opening sends {@code
 *       Range: bytes=0-0} and takes the size from the answer's {@code Content-Range}, so the server
 *       must answer ranges with {@code 206 Partial Content}; one that ignores {@code Range} and
 *       answers {@code 200} with the whole object fails the open (the body is not read), since
 *       every range would download the whole object. An {@code ETag} in that answer is sent as
 *       {@code If-Match} with every read, so an object replaced while it is read fails the read
 *       instead of mixing versions. No retries of its own: a task's retries repeat the read;</li>
 *   <li>any other scheme, such as {@code s3://bucket/key}, through the {@link RangedSourceProvider}
 *       found for it by {@link java.util.ServiceLoader}; for {@code s3}, add {@code
 *       dev.rivulet:rivulet-storage-s3}.</li>
 * </ul>
 *
 * {@snippet file="dev/rivulet/snippets/RangedSourceSnippetsTest.java" region="footer"}
 *
 * <p>A missing file or object fails with a {@link java.nio.file.NoSuchFileException} naming it; an
 * HTTP status that is an error, with an {@link IOException} naming the status and the URI.
 */
public final class RangedSources {

    /** A scheme of two letters or more, so that a Windows path such as {@code C:\data} stays a path. */
    private static final Pattern URI_WITH_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);

    private RangedSources() {}

    /**
     * Opens the object at {@code uri}, by its scheme as the class comment says; a URI without a
     * scheme is a path.
     *
     * @param uri where the bytes are, such as {@code s3://bucket/trips.parquet}
     * @return the open source, named by {@code uri}; the caller closes it
     * @throws java.nio.file.NoSuchFileException if there is no file or object at {@code uri}
     * @throws IllegalArgumentException if no provider opens {@code uri}'s scheme (the message names
     *     the artifact to add when it knows one), or {@code uri} is not valid for its scheme
     * @throws IOException if the object cannot be reached
     */
    public static RangedSource open(URI uri) throws IOException {
        return RangedSourceRegistry.open(uri);
    }

    /**
     * Opens the object at {@code location}: a URI with a scheme ({@code s3://bucket/key}, {@code
     * https://host/file}, {@code file:/data/x}) or else a local path.
     *
     * @param location a URI or a path
     * @return the open source, named by {@code location}; the caller closes it
     * @throws java.nio.file.NoSuchFileException if there is no file or object at {@code location}
     * @throws IllegalArgumentException if {@code location} is not a valid URI or path, or no
     *     provider opens its scheme
     * @throws IOException if the object cannot be reached
     */
    public static RangedSource open(String location) throws IOException {
        if (URI_WITH_SCHEME.matcher(location).matches()) {
            URI uri;
            try {
                uri = new URI(location);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("'" + location + "' is not a valid URI (" + e.getReason() + " at index " + e.getIndex()
                        + "); percent-encode spaces and other reserved characters, as in a%20b", e);
            }
            return open(uri);
        }
        return open(Path.of(location));
    }

    /**
     * Opens a local file.
     *
     * @param file the file
     * @return the open source, named by {@code file}; the caller closes it
     * @throws java.nio.file.NoSuchFileException if there is no such file
     * @throws IOException if the file cannot be opened
     */
    public static RangedSource open(Path file) throws IOException {
        return RangedSourceRegistry.open(file);
    }
}
