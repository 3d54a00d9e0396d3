package dev.rivulet.internal.result;

import dev.rivulet.InvalidDefinitionException;
import dev.rivulet.result.Codec;
import dev.rivulet.result.Serializer;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds serializers by name: the built-ins ({@code json}, {@code java}), those on the class path
 * through {@link ServiceLoader}, those registered on the builder, and compositions of a codec and
 * a serializer, {@code compressed:<codec>/<inner>} ({@code compressed/<inner>} means zstd).
 */
public final class SerializerRegistry {

    /** The codec {@code compressed/<inner>} uses. */
    public static final String DEFAULT_CODEC = "zstd";
    private static final String COMPRESSED = "compressed";

    private final Map<String, Serializer> serializers = new TreeMap<>();
    private final Map<String, Codec> codecs = new TreeMap<>();
    private final Map<String, Serializer> resolved = new ConcurrentHashMap<>();

    public SerializerRegistry(List<Serializer> registered, List<Codec> registeredCodecs) {
        add(serializers, new JsonSerializer(), Serializer::name);
        add(serializers, new JavaSerializer(List.of()), Serializer::name);
        add(codecs, new GzipCodec(), Codec::name);
        load(Serializer.class).forEach(s -> add(serializers, s, Serializer::name));
        load(Codec.class).forEach(c -> add(codecs, c, Codec::name));
        registered.forEach(s -> add(serializers, s, Serializer::name));
        registeredCodecs.forEach(c -> add(codecs, c, Codec::name));
    }

    private static <T> void add(Map<String, T> map, T item, java.util.function.Function<T, String> name) {
        String n = name.apply(item);
        if (n == null || n.isBlank() || n.contains("/") || n.contains(":")) {
            throw new InvalidDefinitionException("serializer and codec names must be non-blank without '/' or ':', got '" + n
                    + "' from " + item.getClass().getName());
        }
        map.put(n, item);
    }

    private static <T> List<T> load(Class<T> type) {
        try {
            return ServiceLoader.load(type, SerializerRegistry.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();
        } catch (ServiceConfigurationError e) {
            throw new InvalidDefinitionException("a " + type.getSimpleName() + " listed in META-INF/services cannot be loaded: " + e.getMessage(), e);
        }
    }

    /**
     * The serializer called {@code name}.
     *
     * @throws InvalidDefinitionException if there is none; the message lists the known names
     */
    public Serializer named(String name) {
        Serializer found = resolved.get(name);
        if (found == null) {
            found = resolve(name);
            resolved.put(name, found);
        }
        return found;
    }

    private Serializer resolve(String name) {
        int slash = name.indexOf('/');
        if (slash < 0) {
            Serializer plain = serializers.get(name);
            if (plain == null) {
                throw unknown("serializer", name);
            }
            return plain;
        }
        String prefix = name.substring(0, slash);
        String codecName;
        if (prefix.equals(COMPRESSED)) {
            codecName = DEFAULT_CODEC;
        } else if (prefix.startsWith(COMPRESSED + ":")) {
            codecName = prefix.substring(COMPRESSED.length() + 1);
        } else {
            throw unknown("serializer", name);
        }
        Codec codec = codecs.get(codecName);
        if (codec == null) {
            String hint = codecName.equals("zstd") || codecName.equals("lz4")
                    ? " (" + codecName + " comes with the rivulet-codecs module; without it, use compressed:gzip/" + name.substring(slash + 1) + ")"
                    : "";
            throw new InvalidDefinitionException("serializer '" + name + "' needs codec '" + codecName + "', which is not available" + hint
                    + "; known codecs: " + codecs.keySet());
        }
        return new CompressedSerializer(codec, named(name.substring(slash + 1)));
    }

    private InvalidDefinitionException unknown(String what, String name) {
        return new InvalidDefinitionException("unknown " + what + " '" + name + "'; known serializers: " + serializers.keySet()
                + ", each also as compressed/<name> (zstd) or compressed:<codec>/<name> with codecs " + codecs.keySet());
    }

    /** The names of the plain serializers. */
    public List<String> serializerNames() {
        return List.copyOf(serializers.keySet());
    }

    /** The names of the codecs. */
    public List<String> codecNames() {
        return List.copyOf(codecs.keySet());
    }
}
