package dev.rivulet.benchmarks;

/** Parsing of benchmark options: numbers and values after their flags, checked with the flag in the message. */
final class Options {

    private Options() {}

    static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    static int positive(String[] args, int i) {
        int value = nonNegative(args, i);
        if (value < 1) {
            throw new IllegalArgumentException(args[i - 1] + " must be at least 1, was " + value);
        }
        return value;
    }

    static int nonNegative(String[] args, int i) {
        int value = Integer.parseInt(value(args, i).replace("_", ""));
        if (value < 0) {
            throw new IllegalArgumentException(args[i - 1] + " must not be negative, was " + value);
        }
        return value;
    }
}
