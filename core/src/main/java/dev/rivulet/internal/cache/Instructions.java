package dev.rivulet.internal.cache;

import java.util.Arrays;

/** The JVM instruction set as far as walking bytecode needs it: opcodes with operands that matter, and instruction lengths. */
final class Instructions {

    static final int LDC = 0x12;
    static final int LDC_W = 0x13;
    static final int LDC2_W = 0x14;
    static final int IFEQ = 0x99;
    static final int JSR = 0xa8;
    static final int TABLESWITCH = 0xaa;
    static final int LOOKUPSWITCH = 0xab;
    static final int GETSTATIC = 0xb2;
    static final int INVOKEINTERFACE = 0xb9;
    static final int INVOKEDYNAMIC = 0xba;
    static final int NEW = 0xbb;
    static final int ANEWARRAY = 0xbd;
    static final int CHECKCAST = 0xc0;
    static final int INSTANCEOF = 0xc1;
    static final int WIDE = 0xc4;
    static final int MULTIANEWARRAY = 0xc5;
    static final int IFNULL = 0xc6;
    static final int IFNONNULL = 0xc7;
    static final int GOTO_W = 0xc8;
    static final int JSR_W = 0xc9;

    private static final int IINC = 0x84;

    /** Length of each instruction with its operands; 0 for the switches and {@code wide}, whose length varies, and for undefined opcodes. */
    private static final byte[] LENGTHS = new byte[256];

    static {
        fill(0x00, 0x0f, 1); // nop, constants
        fill(0x10, 0x10, 2); // bipush
        fill(0x11, 0x11, 3); // sipush
        fill(LDC, LDC, 2);
        fill(LDC_W, LDC2_W, 3);
        fill(0x15, 0x19, 2); // loads with a local index
        fill(0x1a, 0x35, 1); // loads of locals 0-3, array loads
        fill(0x36, 0x3a, 2); // stores with a local index
        fill(0x3b, 0x83, 1); // stores of locals 0-3, array stores, stack, arithmetic
        fill(IINC, IINC, 3);
        fill(0x85, 0x98, 1); // conversions, comparisons
        fill(IFEQ, JSR, 3); // conditional branches, goto, jsr
        fill(0xa9, 0xa9, 2); // ret
        fill(0xac, 0xb1, 1); // returns
        fill(GETSTATIC, 0xb8, 3); // field access, invokevirtual, invokespecial, invokestatic
        fill(INVOKEINTERFACE, INVOKEDYNAMIC, 5);
        fill(NEW, NEW, 3);
        fill(0xbc, 0xbc, 2); // newarray
        fill(ANEWARRAY, ANEWARRAY, 3);
        fill(0xbe, 0xbf, 1); // arraylength, athrow
        fill(CHECKCAST, INSTANCEOF, 3);
        fill(0xc2, 0xc3, 1); // monitorenter, monitorexit
        fill(MULTIANEWARRAY, MULTIANEWARRAY, 4);
        fill(IFNULL, IFNONNULL, 3);
        fill(GOTO_W, JSR_W, 5);
    }

    private Instructions() {}

    static boolean takesPoolIndex(int opcode) {
        return opcode >= LDC_W && opcode <= LDC2_W
                || opcode >= GETSTATIC && opcode <= INVOKEDYNAMIC
                || opcode == NEW || opcode == ANEWARRAY || opcode == CHECKCAST || opcode == INSTANCEOF
                || opcode == MULTIANEWARRAY;
    }

    static boolean isShortBranch(int opcode) {
        return opcode >= IFEQ && opcode <= JSR || opcode == IFNULL || opcode == IFNONNULL;
    }

    /** Where the operands of a switch at {@code offset} start: after padding to a multiple of four. */
    static int switchOperands(int offset) {
        return (offset + 4) & ~3;
    }

    /** The length of the instruction at {@code offset}, operands included. */
    static int length(byte[] code, int offset) {
        int opcode = code[offset] & 0xFF;
        return switch (opcode) {
            case TABLESWITCH -> {
                int operands = switchOperands(offset);
                int cases = readInt(code, operands + 8) - readInt(code, operands + 4) + 1;
                yield operands + 12 + 4 * cases - offset;
            }
            case LOOKUPSWITCH -> {
                int operands = switchOperands(offset);
                yield operands + 8 + 8 * readInt(code, operands + 4) - offset;
            }
            case WIDE -> (code[offset + 1] & 0xFF) == IINC ? 6 : 4;
            default -> {
                if (LENGTHS[opcode] == 0) {
                    throw ClassFile.malformed("undefined opcode " + opcode + " at " + offset);
                }
                yield LENGTHS[opcode];
            }
        };
    }

    /**
     * The ordinal of the instruction that starts at each offset of {@code code}, -1 inside an
     * instruction; the entry after the last byte holds the number of instructions.
     */
    static int[] ordinals(byte[] code) {
        int[] ordinals = new int[code.length + 1];
        Arrays.fill(ordinals, -1);
        int count = 0;
        int offset = 0;
        while (offset < code.length) {
            ordinals[offset] = count++;
            offset += length(code, offset);
        }
        if (offset != code.length) {
            throw ClassFile.malformed("the last instruction runs past the end of the code");
        }
        ordinals[code.length] = count;
        return ordinals;
    }

    static int readShort(byte[] code, int offset) {
        return (short) ((code[offset] & 0xFF) << 8 | code[offset + 1] & 0xFF);
    }

    static int readUnsignedShort(byte[] code, int offset) {
        return (code[offset] & 0xFF) << 8 | code[offset + 1] & 0xFF;
    }

    static int readInt(byte[] code, int offset) {
        return (code[offset] & 0xFF) << 24 | (code[offset + 1] & 0xFF) << 16 | (code[offset + 2] & 0xFF) << 8 | code[offset + 3] & 0xFF;
    }

    private static void fill(int fromOpcode, int toOpcode, int length) {
        Arrays.fill(LENGTHS, fromOpcode, toOpcode + 1, (byte) length);
    }
}
