package dev.rivulet.benchmarks;

import java.util.Locale;

/** Reads the value of a command-line option, the argument after it; the messages name the option and the value. */
final class Arguments {

    private Arguments() {}

    /** The argument at {@code i}, which must exist. */
    static String text(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    static int nonNegative(String[] args, int i) {
        int value = Integer.parseInt(text(args, i));
        if (value < 0) {
            throw new IllegalArgumentException(args[i - 1] + " must not be negative, was " + value);
        }
        return value;
    }

    static int positive(String[] args, int i) {
        int value = nonNegative(args, i);
        if (value < 1) {
            throw new IllegalArgumentException(args[i - 1] + " must be at least 1, was " + value);
        }
        return value;
    }

    /** A positive size in bytes: a number with an optional suffix k, m or g (KiB, MiB, GiB) or kb, mb, gb (10^3, 10^6, 10^9). */
    static long bytes(String[] args, int i) {
        String given = text(args, i).toLowerCase(Locale.ROOT);
        long unit = 1;
        String digits = given;
        for (String[] suffix : new String[][] {{"kb", "1000"}, {"mb", "1000000"}, {"gb", "1000000000"}, {"k", "1024"}, {"m", "1048576"},
                {"g", "1073741824"}}) {
            if (given.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                digits = given.substring(0, given.length() - suffix[0].length());
                break;
            }
        }
        long value;
        try {
            value = Math.multiplyExact(Long.parseLong(digits), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(args[i - 1] + " takes a size such as 8m or 50mb, was '" + args[i] + "'", e);
        }
        if (value < 1) {
            throw new IllegalArgumentException(args[i - 1] + " must be at least one byte, was '" + args[i] + "'");
        }
        return value;
    }
}
