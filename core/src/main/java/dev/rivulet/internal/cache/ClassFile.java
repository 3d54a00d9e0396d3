package dev.rivulet.internal.cache;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a class file that hashing a method's code needs: the constant pool, the methods with
 * their {@code Code} attributes and the {@code BootstrapMethods} attribute. Everything else (fields,
 * debugging attributes such as line numbers, stack maps) is skipped.
 */
final class ClassFile {

    private static final int MAGIC = 0xCAFEBABE;
    private static final int ACC_PRIVATE = 0x0002;

    /** A method; {@code code} is null for an abstract or native method. */
    record MethodInfo(String name, String descriptor, int access, Code code) {
        boolean isPrivate() {
            return (access & ACC_PRIVATE) != 0;
        }
    }

    /** A {@code Code} attribute; each handler is start, end, handler and catch type, as in the class file. */
    record Code(int maxStack, int maxLocals, byte[] bytecode, int[][] exceptionHandlers) {}

    /** An entry of the {@code BootstrapMethods} attribute: a method handle and its static arguments, as pool indexes. */
    record BootstrapMethod(int methodHandle, int[] arguments) {}

    private final String name;
    private final ConstantPool pool;
    private final Map<String, MethodInfo> methods;
    private final List<BootstrapMethod> bootstrapMethods;

    private ClassFile(String name, ConstantPool pool, Map<String, MethodInfo> methods, List<BootstrapMethod> bootstrapMethods) {
        this.name = name;
        this.pool = pool;
        this.methods = methods;
        this.bootstrapMethods = bootstrapMethods;
    }

    static ClassFile parse(byte[] bytes) {
        try {
            return read(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (EOFException e) {
            throw malformed("it ends early");
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen reading from memory", e);
        }
    }

    /** The internal name of the class, such as {@code com/example/Outer$Inner}. */
    String name() {
        return name;
    }

    ConstantPool pool() {
        return pool;
    }

    /** The method with this name and descriptor, or null. */
    MethodInfo method(String methodName, String descriptor) {
        return methods.get(methodName + descriptor);
    }

    BootstrapMethod bootstrapMethod(int index) {
        if (index >= bootstrapMethods.size()) {
            throw malformed("no bootstrap method " + index);
        }
        return bootstrapMethods.get(index);
    }

    static IllegalStateException malformed(String problem) {
        return new IllegalStateException("malformed class file: " + problem);
    }

    private static ClassFile read(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw malformed("it does not start with 0xCAFEBABE");
        }
        skip(in, 4); // minor and major version
        ConstantPool pool = ConstantPool.read(in);
        skip(in, 2); // access flags
        String name = pool.className(in.readUnsignedShort());
        skip(in, 2); // super class
        skip(in, 2 * in.readUnsignedShort()); // interfaces
        int fieldCount = in.readUnsignedShort();
        for (int i = 0; i < fieldCount; i++) {
            skip(in, 6);
            skipAttributes(in);
        }
        Map<String, MethodInfo> methods = new HashMap<>();
        int methodCount = in.readUnsignedShort();
        for (int i = 0; i < methodCount; i++) {
            MethodInfo method = readMethod(in, pool);
            methods.put(method.name() + method.descriptor(), method);
        }
        List<BootstrapMethod> bootstrapMethods = readAttribute(in, pool, "BootstrapMethods", ClassFile::readBootstrapMethods);
        return new ClassFile(name, pool, methods, bootstrapMethods == null ? List.of() : bootstrapMethods);
    }

    private static MethodInfo readMethod(DataInputStream in, ConstantPool pool) throws IOException {
        int access = in.readUnsignedShort();
        String name = pool.utf8(in.readUnsignedShort());
        String descriptor = pool.utf8(in.readUnsignedShort());
        return new MethodInfo(name, descriptor, access, readAttribute(in, pool, "Code", ClassFile::readCode));
    }

    private static Code readCode(DataInputStream in) throws IOException {
        int maxStack = in.readUnsignedShort();
        int maxLocals = in.readUnsignedShort();
        byte[] bytecode = new byte[in.readInt()];
        in.readFully(bytecode);
        int[][] handlers = new int[in.readUnsignedShort()][];
        for (int i = 0; i < handlers.length; i++) {
            handlers[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort(), in.readUnsignedShort(), in.readUnsignedShort()};
        }
        skipAttributes(in);
        return new Code(maxStack, maxLocals, bytecode, handlers);
    }

    private static List<BootstrapMethod> readBootstrapMethods(DataInputStream in) throws IOException {
        List<BootstrapMethod> bootstrapMethods = new ArrayList<>();
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            int methodHandle = in.readUnsignedShort();
            int[] arguments = new int[in.readUnsignedShort()];
            for (int j = 0; j < arguments.length; j++) {
                arguments[j] = in.readUnsignedShort();
            }
            bootstrapMethods.add(new BootstrapMethod(methodHandle, arguments));
        }
        return bootstrapMethods;
    }

    /** Reads the body of one attribute. */
    private interface AttributeReader<T> {
        T read(DataInputStream in) throws IOException;
    }

    /** Reads a table of attributes: the one named {@code wanted} with {@code reader}, skipping the others. Null if it is absent. */
    private static <T> T readAttribute(DataInputStream in, ConstantPool pool, String wanted, AttributeReader<T> reader) throws IOException {
        T value = null;
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            String attribute = pool.utf8(in.readUnsignedShort());
            int length = in.readInt();
            if (attribute.equals(wanted)) {
                value = reader.read(in);
            } else {
                skip(in, length);
            }
        }
        return value;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            skip(in, 2);
            skip(in, in.readInt());
        }
    }

    private static void skip(DataInputStream in, int length) throws IOException {
        if (length < 0 || in.skipBytes(length) != length) {
            throw new EOFException();
        }
    }
}
