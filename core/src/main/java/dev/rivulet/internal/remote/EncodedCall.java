package dev.rivulet.internal.remote;

import dev.rivulet.result.ResultRecord;
import dev.rivulet.result.SerializationException;
import dev.rivulet.result.Serializer;
import dev.rivulet.runner.RemoteTaskCall;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The bytes of a {@link RemoteTaskCall}: a header naming the run, the task's interface and method and
 * the serializer, then each argument as its serialized value or a {@link StoredArgument}.
 *
 * @param taskName the task's name
 * @param taskRunName the run's name
 * @param taskRunId the run's id
 * @param flowRunId the flow run's id; null outside a flow
 * @param attempt the attempt's number
 * @param timeoutNanos the attempt's limit; negative for none
 * @param interfaceName the interface of the stub the task was called on, which declares the task or inherits it
 * @param methodName the task's method
 * @param parameterTypes the names of the method's parameter classes
 * @param implemented whether an implementation of the interface carries out the method, not a default body
 * @param serializer the name of the serializer of the arguments and the result
 * @param arguments each argument's serialized bytes, or a {@link StoredArgument}
 * @param argumentClasses for each argument, the class it was written as when its declared type says
 *     too little ({@link WireTypes}), else null
 */
public record EncodedCall(String taskName, String taskRunName, String taskRunId, String flowRunId, int attempt, long timeoutNanos,
                          String interfaceName, String methodName, String[] parameterTypes, boolean implemented, String serializer,
                          Object[] arguments, String[] argumentClasses) {

    /** The first four bytes of every call: "RVC" and the format's version. */
    private static final int MAGIC = 0x52564302;
    private static final byte VALUE = 0;
    private static final byte STORED = 1;

    /**
     * Encodes a call of {@code method} with {@code arguments}: values are written with {@code
     * serializer} as the method's parameter types, {@link StoredArgument}s as references.
     *
     * @throws SerializationException if an argument cannot be written; the message names the task
     *     run, the parameter, the value's type and what to do
     */
    public static RemoteTaskCall encode(String taskName, String taskRunName, String taskRunId, String flowRunId, int attempt,
                                        Duration timeout, Class<?> stubType, Method method, boolean implemented, String[] parameterNames,
                                        Serializer serializer, Object[] arguments) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.writeInt(MAGIC);
            writeText(out, taskName);
            writeText(out, taskRunName);
            writeText(out, taskRunId);
            writeNullable(out, flowRunId);
            out.writeInt(attempt);
            out.writeLong(timeout == null ? -1 : saturatedNanos(timeout));
            writeText(out, stubType.getName());
            writeText(out, method.getName());
            Class<?>[] types = method.getParameterTypes();
            out.writeShort(types.length);
            for (Class<?> type : types) {
                writeText(out, type.getName());
            }
            out.writeBoolean(implemented);
            writeText(out, serializer.name());
            Type[] generic = method.getGenericParameterTypes();
            ByteArrayOutputStream value = new ByteArrayOutputStream();
            for (int i = 0; i < arguments.length; i++) {
                if (arguments[i] instanceof StoredArgument stored) {
                    out.writeByte(STORED);
                    writeText(out, stored.store());
                    writeRecord(out, stored.record());
                    continue;
                }
                value.reset();
                Class<?> sentAs = WireTypes.classToSend(generic[i], arguments[i]);
                try {
                    serializer.write(arguments[i], sentAs != null ? sentAs : generic[i], value);
                } catch (IOException | RuntimeException e) {
                    throw unsendable(taskRunName, parameterNames[i], arguments[i], serializer, e);
                }
                out.writeByte(VALUE);
                writeNullable(out, sentAs == null ? null : sentAs.getName());
                out.writeInt(value.size());
                value.writeTo(out);
            }
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the call of task run '" + taskRunName + "'", e);
        }
        return new RemoteTaskCall(taskName, taskRunName, taskRunId, flowRunId, attempt, timeout, bytes.toByteArray());
    }

    private static SerializationException unsendable(String runName, String parameter, Object value, Serializer serializer, Exception e) {
        String type = value == null ? "null" : value.getClass().getName();
        return new SerializationException("task run '" + runName + "' cannot be sent to the runner that carries it out elsewhere: "
                + "its argument '" + parameter + "' (a " + type + ") cannot be written by serializer '" + serializer.name() + "': "
                + e.getMessage() + ". Pass a value that serializer can write, choose another with @Task(serializer = ...), "
                + "or run the task on a runner in this JVM", e);
    }

    /** Reads the call {@link #encode} wrote; values stay bytes until the receiver knows the types. */
    public static EncodedCall decode(byte[] encoded) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a task call of this version of Rivulet (the sender runs another version, or the bytes are damaged)");
        }
        String taskName = readText(in);
        String runName = readText(in);
        String runId = readText(in);
        String flowRunId = readNullable(in);
        int attempt = in.readInt();
        long timeoutNanos = in.readLong();
        String interfaceName = readText(in);
        String methodName = readText(in);
        String[] types = new String[in.readShort()];
        for (int i = 0; i < types.length; i++) {
            types[i] = readText(in);
        }
        boolean implemented = in.readBoolean();
        String serializer = readText(in);
        Object[] arguments = new Object[types.length];
        String[] argumentClasses = new String[types.length];
        for (int i = 0; i < arguments.length; i++) {
            byte kind = in.readByte();
            if (kind == STORED) {
                arguments[i] = new StoredArgument(readText(in), readRecord(in));
            } else if (kind == VALUE) {
                argumentClasses[i] = readNullable(in);
                int length = in.readInt();
                if (length < 0 || length > in.available()) {
                    throw new IOException("argument " + i + " has " + length + " bytes, more than the " + in.available() + " left");
                }
                byte[] value = new byte[length];
                in.readFully(value);
                arguments[i] = value;
            } else {
                throw new IOException("argument " + i + " has an unknown kind " + kind);
            }
        }
        return new EncodedCall(taskName, runName, runId, flowRunId, attempt, timeoutNanos, interfaceName, methodName, types, implemented,
                serializer, arguments, argumentClasses);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void writeRecord(DataOutputStream out, ResultRecord record) throws IOException {
        writeText(out, record.key());
        writeText(out, record.taskName());
        writeText(out, record.serializer());
        writeText(out, record.javaType());
        writeInstant(out, record.created());
        out.writeBoolean(record.expires() != null);
        if (record.expires() != null) {
            writeInstant(out, record.expires());
        }
        out.writeLong(record.size());
        writeNullable(out, record.checksum());
        writeNullable(out, record.cacheKey());
    }

    private static ResultRecord readRecord(DataInputStream in) throws IOException {
        String key = readText(in);
        String taskName = readText(in);
        String serializer = readText(in);
        String javaType = readText(in);
        Instant created = readInstant(in);
        Instant expires = in.readBoolean() ? readInstant(in) : null;
        long size = in.readLong();
        return new ResultRecord(key, taskName, serializer, javaType, created, expires, size, readNullable(in), readNullable(in));
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    /** Text of any length, as UTF-8 after its length in bytes (DataOutputStream's own form stops at 64 KiB: run names may not). */
    static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readText(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("a text of " + length + " bytes, more than the " + in.available() + " left");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static void writeNullable(DataOutputStream out, String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            writeText(out, text);
        }
    }

    static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? readText(in) : null;
    }
}
