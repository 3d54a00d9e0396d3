package dev.rivulet.internal.cache;

import java.io.DataInput;
import java.io.IOException;

/**
 * The constant pool of a class file, read into arrays: each entry's tag, its one or two operands
 * (pool indexes, a reference kind or the bits of a number) and its text for a UTF-8 entry.
 */
final class ConstantPool {

    static final int UTF8 = 1;
    static final int INTEGER = 3;
    static final int FLOAT = 4;
    static final int LONG = 5;
    static final int DOUBLE = 6;
    static final int CLASS = 7;
    static final int STRING = 8;
    static final int FIELDREF = 9;
    static final int METHODREF = 10;
    static final int INTERFACE_METHODREF = 11;
    static final int NAME_AND_TYPE = 12;
    static final int METHOD_HANDLE = 15;
    static final int METHOD_TYPE = 16;
    static final int DYNAMIC = 17;
    static final int INVOKE_DYNAMIC = 18;
    static final int MODULE = 19;
    static final int PACKAGE = 20;

    private final byte[] tags;
    private final int[] first;
    private final int[] second;
    private final long[] longs;
    private final String[] texts;

    private ConstantPool(int count) {
        tags = new byte[count];
        first = new int[count];
        second = new int[count];
        longs = new long[count];
        texts = new String[count];
    }

    /** Reads {@code constant_pool_count} and the entries that follow it. */
    static ConstantPool read(DataInput in) throws IOException {
        ConstantPool pool = new ConstantPool(in.readUnsignedShort());
        for (int i = 1; i < pool.tags.length; i++) {
            int tag = in.readUnsignedByte();
            pool.tags[i] = (byte) tag;
            switch (tag) {
                case UTF8 -> pool.texts[i] = in.readUTF();
                case INTEGER, FLOAT -> pool.first[i] = in.readInt();
                case LONG, DOUBLE -> pool.longs[i++] = in.readLong();
                case CLASS, STRING, METHOD_TYPE, MODULE, PACKAGE -> pool.first[i] = in.readUnsignedShort();
                case METHOD_HANDLE -> {
                    pool.first[i] = in.readUnsignedByte();
                    pool.second[i] = in.readUnsignedShort();
                }
                case FIELDREF, METHODREF, INTERFACE_METHODREF, NAME_AND_TYPE, DYNAMIC, INVOKE_DYNAMIC -> {
                    pool.first[i] = in.readUnsignedShort();
                    pool.second[i] = in.readUnsignedShort();
                }
                default -> throw ClassFile.malformed("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        return pool;
    }

    int tag(int index) {
        if (index <= 0 || index >= tags.length || tags[index] == 0) {
            throw ClassFile.malformed("no constant pool entry " + index);
        }
        return tags[index];
    }

    /**
     * The first operand: the referenced entry of a class, string, method type, module or package;
     * the class of a member reference; the name of a name-and-type; the reference kind of a method
     * handle; the bootstrap method of a dynamic constant; the bits of an int or float.
     */
    int first(int index) {
        tag(index);
        return first[index];
    }

    /** The second operand: the name-and-type of a member reference or dynamic constant, the descriptor of a name-and-type, the member of a method handle. */
    int second(int index) {
        tag(index);
        return second[index];
    }

    /** The bits of a long or double entry. */
    long longBits(int index) {
        tag(index);
        return longs[index];
    }

    String utf8(int index) {
        if (tag(index) != UTF8) {
            throw ClassFile.malformed("constant pool entry " + index + " is not text");
        }
        return texts[index];
    }

    /** The internal name ({@code java/lang/String}) of a class entry. */
    String className(int classIndex) {
        return utf8(first(classIndex));
    }
}
