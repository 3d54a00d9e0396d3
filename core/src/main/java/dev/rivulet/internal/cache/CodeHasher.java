package dev.rivulet.internal.cache;

import static dev.rivulet.internal.cache.Instructions.readInt;
import static dev.rivulet.internal.cache.Instructions.readShort;
import static dev.rivulet.internal.cache.Instructions.readUnsignedShort;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Digests the code of one method, and of every private method of its class that the code calls or
 * makes a method handle of (lambda bodies are such methods), recursively. The digest sees what the
 * code does, not where the class file put it: constant pool references are replaced by the constants
 * they name, branch offsets by the ordinal of the target instruction, and private methods of the class
 * by the order in which the walk reaches them. So changes elsewhere in the class, which renumber the
 * pool, widen {@code ldc} to {@code ldc_w} or renumber lambdas (javac numbers them per method name,
 * across overloads), leave the digest alone.
 */
final class CodeHasher {

    private static final int FORMAT_VERSION = 1;
    /** Written for the catch type of a {@code finally} handler, and for a followed method without code. */
    private static final int NOTHING = 0;
    private static final int CODE = 1;
    private static final int OTHER_MEMBER = 0;
    private static final int FOLLOWED_METHOD = 1;

    private final ClassFile classFile;
    private final ConstantPool pool;
    private final DigestWriter out = new DigestWriter();
    private final Map<ClassFile.MethodInfo, Integer> ordinals = new IdentityHashMap<>();
    private final List<ClassFile.MethodInfo> followed = new ArrayList<>();

    private CodeHasher(ClassFile classFile) {
        this.classFile = classFile;
        this.pool = classFile.pool();
    }

    /** The digest of {@code method}'s code and the code it reaches in its class, as 64 hex digits. */
    static String hash(ClassFile classFile, ClassFile.MethodInfo method) {
        CodeHasher hasher = new CodeHasher(classFile);
        hasher.out.writeByte(FORMAT_VERSION);
        hasher.ordinal(method);
        for (int i = 0; i < hasher.followed.size(); i++) {
            hasher.writeCode(hasher.followed.get(i).code());
        }
        return hasher.out.hex();
    }

    private int ordinal(ClassFile.MethodInfo method) {
        return ordinals.computeIfAbsent(method, m -> {
            followed.add(m);
            return followed.size() - 1;
        });
    }

    private void writeCode(ClassFile.Code code) {
        if (code == null) {
            out.writeByte(NOTHING);
            return;
        }
        out.writeByte(CODE);
        out.writeInt(code.maxStack());
        out.writeInt(code.maxLocals());
        byte[] bytecode = code.bytecode();
        int[] ordinals = Instructions.ordinals(bytecode);
        out.writeInt(ordinals[bytecode.length]);
        for (int offset = 0; offset < bytecode.length; offset += Instructions.length(bytecode, offset)) {
            writeInstruction(bytecode, offset, ordinals);
        }
        out.writeInt(code.exceptionHandlers().length);
        for (int[] handler : code.exceptionHandlers()) {
            out.writeInt(target(ordinals, handler[0]));
            out.writeInt(target(ordinals, handler[1]));
            out.writeInt(target(ordinals, handler[2]));
            if (handler[3] == 0) {
                out.writeByte(NOTHING);
            } else {
                writeConstant(handler[3]);
            }
        }
    }

    private void writeInstruction(byte[] code, int offset, int[] ordinals) {
        int opcode = code[offset] & 0xFF;
        if (opcode == Instructions.LDC || opcode == Instructions.LDC_W) {
            // Which of the two javac picks depends on the pool index, so both are written as ldc.
            out.writeByte(Instructions.LDC);
            writeConstant(opcode == Instructions.LDC ? code[offset + 1] & 0xFF : readUnsignedShort(code, offset + 1));
            return;
        }
        out.writeByte(opcode);
        if (Instructions.takesPoolIndex(opcode)) {
            writeConstant(readUnsignedShort(code, offset + 1));
            if (opcode == Instructions.MULTIANEWARRAY) {
                out.writeByte(code[offset + 3]);
            }
        } else if (Instructions.isShortBranch(opcode)) {
            out.writeInt(target(ordinals, offset + readShort(code, offset + 1)));
        } else if (opcode == Instructions.GOTO_W || opcode == Instructions.JSR_W) {
            out.writeInt(target(ordinals, offset + readInt(code, offset + 1)));
        } else if (opcode == Instructions.TABLESWITCH) {
            writeTableSwitch(code, offset, ordinals);
        } else if (opcode == Instructions.LOOKUPSWITCH) {
            writeLookupSwitch(code, offset, ordinals);
        } else {
            // Immediate values and local variable indexes: nothing in them depends on the rest of the class.
            out.writeBytes(code, offset + 1, Instructions.length(code, offset) - 1);
        }
    }

    private void writeTableSwitch(byte[] code, int offset, int[] ordinals) {
        int operands = Instructions.switchOperands(offset);
        int low = readInt(code, operands + 4);
        int high = readInt(code, operands + 8);
        out.writeInt(target(ordinals, offset + readInt(code, operands)));
        out.writeInt(low);
        out.writeInt(high);
        for (int i = 0; i <= high - low; i++) {
            out.writeInt(target(ordinals, offset + readInt(code, operands + 12 + 4 * i)));
        }
    }

    private void writeLookupSwitch(byte[] code, int offset, int[] ordinals) {
        int operands = Instructions.switchOperands(offset);
        int pairs = readInt(code, operands + 4);
        out.writeInt(target(ordinals, offset + readInt(code, operands)));
        out.writeInt(pairs);
        for (int i = 0; i < pairs; i++) {
            out.writeInt(readInt(code, operands + 8 + 8 * i));
            out.writeInt(target(ordinals, offset + readInt(code, operands + 12 + 8 * i)));
        }
    }

    /** The ordinal of the instruction at {@code offset}, or the instruction count for the end of the code. */
    private static int target(int[] ordinals, int offset) {
        if (offset < 0 || offset >= ordinals.length || ordinals[offset] < 0) {
            throw ClassFile.malformed("a branch or handler to offset " + offset + ", where no instruction starts");
        }
        return ordinals[offset];
    }

    /** Writes the constant at {@code index} by what it says, following references to other entries. */
    private void writeConstant(int index) {
        int tag = pool.tag(index);
        out.writeByte(tag);
        switch (tag) {
            case ConstantPool.UTF8 -> out.writeString(pool.utf8(index));
            case ConstantPool.INTEGER, ConstantPool.FLOAT -> out.writeInt(pool.first(index));
            case ConstantPool.LONG, ConstantPool.DOUBLE -> out.writeLong(pool.longBits(index));
            case ConstantPool.CLASS, ConstantPool.STRING, ConstantPool.METHOD_TYPE, ConstantPool.MODULE, ConstantPool.PACKAGE ->
                    out.writeString(pool.utf8(pool.first(index)));
            case ConstantPool.NAME_AND_TYPE -> {
                out.writeString(pool.utf8(pool.first(index)));
                out.writeString(pool.utf8(pool.second(index)));
            }
            case ConstantPool.FIELDREF -> writeMember(index);
            case ConstantPool.METHODREF, ConstantPool.INTERFACE_METHODREF -> writeMethod(index);
            case ConstantPool.METHOD_HANDLE -> {
                out.writeByte(pool.first(index));
                writeConstant(pool.second(index));
            }
            case ConstantPool.DYNAMIC, ConstantPool.INVOKE_DYNAMIC -> {
                writeBootstrapMethod(classFile.bootstrapMethod(pool.first(index)));
                writeConstant(pool.second(index));
            }
            default -> throw ClassFile.malformed("constant pool entry " + index + " has tag " + tag);
        }
    }

    /** A private method of this class is written as its ordinal, and its code joins the digest; any other method by owner, name and type. */
    private void writeMethod(int index) {
        ClassFile.MethodInfo target = null;
        if (pool.className(pool.first(index)).equals(classFile.name())) {
            int nameAndType = pool.second(index);
            target = classFile.method(pool.utf8(pool.first(nameAndType)), pool.utf8(pool.second(nameAndType)));
        }
        if (target != null && target.isPrivate()) {
            out.writeByte(FOLLOWED_METHOD);
            out.writeInt(ordinal(target));
        } else {
            out.writeByte(OTHER_MEMBER);
            writeMember(index);
        }
    }

    private void writeMember(int index) {
        writeConstant(pool.first(index));
        writeConstant(pool.second(index));
    }

    private void writeBootstrapMethod(ClassFile.BootstrapMethod bootstrapMethod) {
        writeConstant(bootstrapMethod.methodHandle());
        out.writeInt(bootstrapMethod.arguments().length);
        for (int argument : bootstrapMethod.arguments()) {
            writeConstant(argument);
        }
    }
}
