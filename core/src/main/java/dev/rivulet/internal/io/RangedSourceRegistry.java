package dev.rivulet.internal.io;

import dev.rivulet.io.RangedSource;
import dev.rivulet.io.RangedSourceProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Picks what opens a URI: the built-in file and HTTP(S) sources, or the {@link
 * RangedSourceProvider} that {@link ServiceLoader} finds for the scheme. Providers are loaded once,
 * when the first URI of a scheme that is not built in is opened, and kept for the life of the JVM.
 */
public final class RangedSourceRegistry {

    private static final Set<String> BUILT_IN = Set.of("file", "http", "https");
    /** The artifacts that provide schemes Rivulet knows, for the message when one is missing. */
    private static final Map<String, String> KNOWN_ARTIFACTS = Map.of("s3", "dev.rivulet:rivulet-storage-s3");

    private RangedSourceRegistry() {}

    /** The providers found by {@link ServiceLoader}, by scheme; loaded on first use, again after a failed load. */
    private static volatile Map<String, RangedSourceProvider> loaded;

    /** Opens {@code uri} by its scheme; a URI without one is a path. */
    public static RangedSource open(URI uri) throws IOException {
        String scheme = uri.getScheme();
        if (scheme == null) {
            return FileRangedSource.open(Path.of(uri.getPath()), uri.toString());
        }
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "file" -> FileRangedSource.open(filePath(uri), uri.toString());
            case "http", "https" -> HttpRangedSource.open(uri);
            default -> provider(scheme.toLowerCase(Locale.ROOT), uri).open(uri);
        };
    }

    /** Opens a local file. */
    public static RangedSource open(Path file) throws IOException {
        return FileRangedSource.open(file, file.toString());
    }

    private static Path filePath(URI uri) {
        try {
            return Path.of(uri);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new IllegalArgumentException("'" + uri + "' is not a file URI of this machine (" + e.getMessage()
                    + "); write file:/absolute/path, or give a plain path", e);
        }
    }

    private static RangedSourceProvider provider(String scheme, URI uri) {
        Map<String, RangedSourceProvider> providers = providers();
        RangedSourceProvider provider = providers.get(scheme);
        if (provider != null) {
            return provider;
        }
        String artifact = KNOWN_ARTIFACTS.get(scheme);
        String add = artifact != null
                ? "add " + artifact + " to the application's dependencies (it provides '" + scheme + "')"
                : "add a module that provides " + RangedSourceProvider.class.getName() + " for '" + scheme + "'";
        throw new IllegalArgumentException("no provider reads '" + scheme + ":' URIs such as " + uri + "; " + add
                + ". Built in: " + String.join(", ", new TreeSet<>(BUILT_IN)) + "; found: "
                + (providers.isEmpty() ? "none" : String.join(", ", providers.keySet())));
    }

    private static Map<String, RangedSourceProvider> providers() {
        Map<String, RangedSourceProvider> providers = loaded;
        if (providers == null) {
            synchronized (RangedSourceRegistry.class) {
                providers = loaded;
                if (providers == null) {
                    providers = load();
                    loaded = providers;
                }
            }
        }
        return providers;
    }

    private static Map<String, RangedSourceProvider> load() {
        Map<String, RangedSourceProvider> byScheme = new TreeMap<>();
        try {
            for (RangedSourceProvider provider : ServiceLoader.load(RangedSourceProvider.class, RangedSourceRegistry.class.getClassLoader())) {
                for (String scheme : provider.schemes()) {
                    add(byScheme, scheme, provider);
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a " + RangedSourceProvider.class.getName() + " listed in META-INF/services cannot be loaded: "
                    + e.getMessage(), e);
        }
        return Collections.unmodifiableMap(byScheme);
    }

    private static void add(Map<String, RangedSourceProvider> byScheme, String scheme, RangedSourceProvider provider) {
        String name = provider.getClass().getName();
        if (scheme == null || !scheme.equals(scheme.toLowerCase(Locale.ROOT)) || !scheme.matches("[a-z][a-z0-9+.-]*")) {
            throw new IllegalStateException(name + " names the scheme '" + scheme + "'; a scheme is a lower-case URI scheme, such as s3");
        }
        if (BUILT_IN.contains(scheme)) {
            throw new IllegalStateException(name + " provides '" + scheme + "', which is built in; remove it from the providers");
        }
        RangedSourceProvider other = byScheme.putIfAbsent(scheme, provider);
        if (other != null) {
            throw new IllegalStateException("two providers read '" + scheme + "' URIs: " + other.getClass().getName() + " and " + name
                    + "; keep one of their modules");
        }
    }
}
