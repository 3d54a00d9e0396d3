package dev.rivulet.internal.result;

import dev.rivulet.io.NonClosing;
import dev.rivulet.result.SerializationException;
import dev.rivulet.result.Serializer;
import dev.rivulet.secret.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * JDK serialization, read back through an {@link ObjectInputFilter} allow-list so a hostile
 * payload cannot make the JVM build arbitrary classes. Allowed: common {@code java.*} value and
 * collection classes, the declared result type's own package, and the patterns given.
 *
 * <p>Given a {@link RemainingInput}, the filter also refuses an array (and a collection, which the
 * JDK checks as an array) longer than the bytes left could hold: a damaged length fails to decode
 * instead of allocating gigabytes.
 */
public final class JavaSerializer implements Serializer, DecodesWithinInput {

    /**
     * What the stream may have read ahead of the array it describes: its block buffer (1 KiB) and
     * its peek, with room to spare.
     */
    private static final long READ_AHEAD = 64 * 1024;

    /** Classes of the JDK that results are commonly made of. */
    public static final List<String> JDK_VALUE_CLASSES = List.of(
            "java.lang.Object", "java.lang.String", "java.lang.Number", "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Float",
            "java.lang.Short", "java.lang.Byte", "java.lang.Character", "java.lang.Boolean", "java.lang.Enum", "java.lang.Record",
            "java.math.*", "java.time.*", "java.util.*", "java.net.URI", "java.net.URL", "java.util.concurrent.ConcurrentHashMap",
            "java.util.concurrent.CopyOnWriteArrayList", "java.lang.invoke.SerializedLambda");

    private final List<String> allowed;

    public JavaSerializer(List<String> extraPatterns) {
        List<String> all = new ArrayList<>(JDK_VALUE_CLASSES);
        all.addAll(extraPatterns);
        this.allowed = List.copyOf(all);
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public void write(Object value, Type type, OutputStream out) throws IOException {
        try {
            ObjectOutputStream objects = new ObjectOutputStream(NonClosing.output(out));
            objects.writeObject(value);
            objects.flush();
        } catch (NotSerializableException e) {
            if (Secret.class.getName().equals(e.getMessage())) {
                throw SecretRefusal.refused("java", value, value instanceof Secret secret ? "secret " + secret.name() : "a " + Secret.class.getName(), e);
            }
            throw new SerializationException("java cannot write a " + (value == null ? "null" : value.getClass().getName())
                    + ": class " + e.getMessage() + " does not implement java.io.Serializable; make it Serializable, "
                    + "or choose the \"json\" serializer", e);
        }
    }

    @Override
    public Object read(InputStream in, Type type) throws IOException {
        List<String> patterns = new ArrayList<>(allowed);
        ownPackages(type, patterns);
        ObjectInputFilter allowList = ObjectInputFilter.Config.createFilter(String.join(";", patterns) + ";!*");
        Class<?>[] rejected = new Class<?>[1];
        long[] impossibleLength = {-1};
        RemainingInput bounded = in instanceof RemainingInput r ? r : null;
        ObjectInputStream objects = new ObjectInputStream(NonClosing.input(in));
        objects.setObjectInputFilter(info -> {
            if (bounded != null && info.arrayLength() > mostElements(info.serialClass(), bounded.remaining() + READ_AHEAD)) {
                impossibleLength[0] = info.arrayLength();
                return ObjectInputFilter.Status.REJECTED;
            }
            ObjectInputFilter.Status status = allowList.checkInput(info);
            if (status == ObjectInputFilter.Status.REJECTED && info.serialClass() != null) {
                rejected[0] = info.serialClass();
            }
            return status;
        });
        try {
            return objects.readObject();
        } catch (InvalidClassException e) {
            if (impossibleLength[0] >= 0) {
                throw new SerializationException("java cannot read the stored result: it declares an array or collection of "
                        + impossibleLength[0] + " elements, more than the " + bounded.remaining() + " bytes left could hold; the bytes are damaged", e);
            }
            String what = rejected[0] == null ? e.getMessage() : "class " + rejected[0].getName() + " is not on the allow-list";
            throw new SerializationException("java refused to read the stored result as " + type.getTypeName() + ": " + what
                    + ". Only allowed classes are read back (" + patterns + "); if the class is yours and trusted, register "
                    + "Serializers.java(\"its.package.**\") on the Rivulet builder", e);
        } catch (ClassNotFoundException e) {
            throw new SerializationException("java cannot read the stored result: class " + e.getMessage() + " is not on the class path", e);
        }
    }

    /**
     * The most elements an array of {@code arrayClass} can have in {@code bytes}: a primitive array
     * is written as its elements' bytes; an element of an array of objects takes a byte at least, and
     * a collection checks its table as an array, which for a {@code HashMap} can have four slots for
     * each entry of at least two bytes.
     */
    private static long mostElements(Class<?> arrayClass, long bytes) {
        Class<?> element = arrayClass == null ? null : arrayClass.getComponentType();
        if (element == null || !element.isPrimitive()) {
            return 4 * bytes;
        }
        if (element == long.class || element == double.class) {
            return bytes / 8;
        }
        if (element == int.class || element == float.class) {
            return bytes / 4;
        }
        return element == char.class || element == short.class ? bytes / 2 : bytes;
    }

    /** The packages of the declared type and its type arguments, for classes of the application itself. */
    private static void ownPackages(Type type, List<String> patterns) {
        if (type instanceof ParameterizedType p) {
            ownPackages(p.getRawType(), patterns);
            for (Type argument : p.getActualTypeArguments()) {
                ownPackages(argument, patterns);
            }
        } else if (type instanceof Class<?> c) {
            Class<?> element = c;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            String name = element.getPackageName();
            if (!element.isPrimitive() && !name.isEmpty() && !name.startsWith("java.")) {
                String pattern = name + ".*";
                if (!patterns.contains(pattern)) {
                    patterns.add(pattern);
                }
            }
        }
    }
}
