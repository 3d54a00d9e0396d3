package dev.rivulet.cli.internal;

import java.util.regex.Pattern;
import picocli.CommandLine.TypeConversionException;

/** Whole numbers as people write big ones on a command line: {@code 3000000} or {@code 3_000_000}. */
public final class Counts {

    private static final Pattern DIGITS = Pattern.compile("\\d+(?:_\\d+)*");

    private Counts() {}

    /**
     * {@code value} as an int of at least {@code least}.
     *
     * @param what what the value is, for the message: "count", "positive count"
     */
    public static int parse(String value, int least, String what) {
        String digits = value.strip();
        if (DIGITS.matcher(digits).matches()) {
            try {
                int count = Integer.parseInt(digits.replace("_", ""));
                if (count >= least) {
                    return count;
                }
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is too large: at most " + Integer.MAX_VALUE);
            }
        }
        throw new TypeConversionException("'" + value + "' is not a " + what + ": use a whole number of " + least
                + " or more, such as 3000000 or 3_000_000");
    }
}
