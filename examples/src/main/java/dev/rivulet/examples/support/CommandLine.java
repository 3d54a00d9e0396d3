package dev.rivulet.examples.support;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The options of an example's {@code main}: {@code --name value} pairs and {@code --flag}s. An
 * option the example does not know, or one without its value, stops it with its usage line.
 */
public final class CommandLine {

    private final String usage;
    private final Map<String, String> values = new LinkedHashMap<>();

    private CommandLine(String usage) {
        this.usage = usage;
    }

    /**
     * Parses {@code args}.
     *
     * @param usage the usage line, such as {@code "TaxiEtl [--rows N] [--work DIR]"}
     * @param options the options that take a value, such as {@code "--rows"}
     * @param flags the options that take none, such as {@code "--help"}
     * @throws IllegalArgumentException naming the option and giving the usage line
     */
    public static CommandLine parse(String[] args, String usage, Set<String> options, Set<String> flags) {
        CommandLine line = new CommandLine(usage);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (flags.contains(arg)) {
                line.values.put(arg, "true");
            } else if (options.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value; usage: " + usage);
                }
                line.values.put(arg, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option '" + arg + "'; usage: " + usage);
            }
        }
        return line;
    }

    /** Whether {@code flag} was given. */
    public boolean has(String flag) {
        return values.containsKey(flag);
    }

    /** The value of {@code option}, or {@code fallback}. */
    public String get(String option, String fallback) {
        return values.getOrDefault(option, fallback);
    }

    /** The value of {@code option} as a positive count ({@code 3_000_000} and {@code 3000000} alike), or {@code fallback}. */
    public int positiveInt(String option, int fallback) {
        String value = values.get(option);
        if (value == null) {
            return fallback;
        }
        try {
            int count = Integer.parseInt(value.replace("_", ""));
            if (count > 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a positive whole number, got '" + value + "'; usage: " + usage);
    }

    /** The value of {@code option} as a path, or {@code fallback}. */
    public Path path(String option, Path fallback) {
        String value = values.get(option);
        return value == null ? fallback : Path.of(value);
    }
}
