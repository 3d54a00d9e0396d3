package dev.rivulet.internal.remote;

import dev.rivulet.internal.result.JavaSerializer;
import dev.rivulet.result.SerializationException;
import dev.rivulet.result.Serializer;
import dev.rivulet.runner.RemoteTaskException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes a receiver sends back for a call: the body's value, written with the call's serializer
 * as the method's return type, or its failure, as text (class, message, stack trace) and, when it
 * can be, Java-serialized, so that the sender rethrows the very exception and retry conditions on
 * its type hold.
 */
public final class Outcomes {

    private static final byte VALUE = 0;
    private static final byte FAILURE = 1;

    /**
     * What a failure sent back may be made of: exceptions, their stack traces, and the JDK's value
     * classes. Anything else (a field of a class of the application's) makes it come back as its
     * text, so that no bytes from elsewhere build arbitrary objects here.
     */
    private static final ObjectInputFilter FAILURE_CLASSES = failureClasses();

    private Outcomes() {}

    /** The outcome of a body that returned {@code value}; throws as the serializer does. */
    public static byte[] value(Object value, Type type, Serializer serializer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(VALUE);
        Class<?> sentAs = WireTypes.classToSend(type, value);
        EncodedCall.writeNullable(out, sentAs == null ? null : sentAs.getName());
        out.flush();
        serializer.write(value, sentAs != null ? sentAs : type, bytes);
        return bytes.toByteArray();
    }

    /** The outcome of a call that failed with {@code failure}. */
    public static byte[] failure(Throwable failure) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try {
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FAILURE);
            EncodedCall.writeText(out, failure.getClass().getName());
            EncodedCall.writeText(out, describe(failure));
            StackTraceElement[] trace = failure.getStackTrace();
            out.writeInt(trace.length);
            for (StackTraceElement e : trace) {
                EncodedCall.writeText(out, e.getClassName());
                EncodedCall.writeText(out, e.getMethodName());
                EncodedCall.writeNullable(out, e.getFileName());
                out.writeInt(e.getLineNumber());
            }
            out.flush();
            int textEnd = bytes.size();
            try {
                ObjectOutputStream objects = new ObjectOutputStream(bytes);
                objects.writeObject(failure);
                objects.flush();
            } catch (IOException | RuntimeException e) {
                // Not serializable as it is (a field that is not): the text stands for it.
                byte[] text = bytes.toByteArray();
                bytes.reset();
                bytes.write(text, 0, textEnd);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a failure", e);
        }
        return bytes.toByteArray();
    }

    /**
     * The value the outcome holds, or its failure thrown.
     *
     * @param loader where the classes of a Java-serialized failure are found
     * @throws SerializationException if the value cannot be read as {@code type}, naming the run
     */
    public static Object read(byte[] outcome, Serializer serializer, Type type, ClassLoader loader, String runName) throws Throwable {
        if (outcome.length == 0) {
            throw new RemoteTaskException("task run '" + runName + "' got an empty outcome back from where it ran");
        }
        InputStream in = new ByteArrayInputStream(outcome, 1, outcome.length - 1);
        if (outcome[0] == VALUE) {
            Type readAs = type;
            try {
                String sentAs = EncodedCall.readNullable(new DataInputStream(in));
                readAs = sentAs == null ? type : Class.forName(sentAs, false, loader);
                return serializer.read(in, readAs);
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                throw new SerializationException("task run '" + runName + "' ran elsewhere, but its result cannot be read back as "
                        + readAs.getTypeName() + " with serializer '" + serializer.name() + "': " + e, e);
            }
        }
        if (outcome[0] != FAILURE) {
            throw new RemoteTaskException("task run '" + runName + "' got an outcome of unknown kind " + outcome[0] + " back");
        }
        throw failureOf(in, loader);
    }

    private static Throwable failureOf(InputStream in, ClassLoader loader) throws IOException {
        DataInputStream data = new DataInputStream(in);
        String type = EncodedCall.readText(data);
        String text = EncodedCall.readText(data);
        StackTraceElement[] trace = new StackTraceElement[data.readInt()];
        for (int i = 0; i < trace.length; i++) {
            trace[i] = new StackTraceElement(EncodedCall.readText(data), EncodedCall.readText(data), EncodedCall.readNullable(data), data.readInt());
        }
        if (in.available() > 0) {
            try (ObjectInputStream objects = new LoaderObjectInputStream(in, loader)) {
                objects.setObjectInputFilter(FAILURE_CLASSES);
                Object failure = objects.readObject();
                if (failure instanceof Throwable t) {
                    return t;
                }
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                // Its class is not here, or it changed: the text stands for it.
            }
        }
        RemoteTaskException standIn = new RemoteTaskException(type, text);
        standIn.setStackTrace(trace);
        return standIn;
    }

    private static ObjectInputFilter failureClasses() {
        List<String> patterns = new ArrayList<>(JavaSerializer.JDK_VALUE_CLASSES);
        patterns.remove("java.lang.invoke.SerializedLambda");
        ObjectInputFilter values = ObjectInputFilter.Config.createFilter(String.join(";", patterns) + ";!*");
        return info -> {
            Class<?> type = info.serialClass();
            if (type != null) {
                Class<?> element = type;
                while (element.isArray()) {
                    element = element.getComponentType();
                }
                if (element.isPrimitive() || Throwable.class.isAssignableFrom(element) || element == StackTraceElement.class) {
                    return ObjectInputFilter.Status.ALLOWED;
                }
            }
            return values.checkInput(info);
        };
    }

    /** The failure and its causes, one line each, as the stand-in's message. */
    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure));
        Throwable cause = failure.getCause();
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }

    /** Resolves the classes of a serialized failure with the loader of the task's interface. */
    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
