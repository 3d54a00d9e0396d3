package dev.rivulet.cli;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a size in bytes into a {@code long} option: a whole number and an optional unit, in any
 * case, with or without a space between them.
 *
 * <ul>
 *   <li>{@code KiB}, {@code MiB}, {@code GiB}, {@code TiB}, and the JVM's {@code k}, {@code m},
 *       {@code g}, {@code t} ({@code -Xmx512m}): powers of 1024;
 *   <li>{@code KB}, {@code MB}, {@code GB}, {@code TB}: powers of 1000;
 *   <li>{@code B} or none: bytes.
 * </ul>
 *
 * {@code 16MiB} is 16,777,216 bytes and {@code 50MB} 50,000,000. A negative size, a fraction, an
 * unknown unit or a size beyond {@link Long#MAX_VALUE} is refused, naming the value.
 *
 * {@snippet file="dev/rivulet/cli/snippets/CliSnippetsTest.java" region="byte-size"}
 */
public final class ByteSizeConverter implements ITypeConverter<Long> {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:_\\d+)*)\\s*([a-z]*)");
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("k", 1L << 10), Map.entry("kib", 1L << 10), Map.entry("kb", 1_000L),
            Map.entry("m", 1L << 20), Map.entry("mib", 1L << 20), Map.entry("mb", 1_000_000L),
            Map.entry("g", 1L << 30), Map.entry("gib", 1L << 30), Map.entry("gb", 1_000_000_000L),
            Map.entry("t", 1L << 40), Map.entry("tib", 1L << 40), Map.entry("tb", 1_000_000_000_000L));

    /** Made by picocli for each option that names it. */
    public ByteSizeConverter() {}

    @Override
    public Long convert(String value) {
        Matcher m = SIZE.matcher(value.strip().toLowerCase(Locale.ROOT));
        Long unit = m.matches() ? UNITS.get(m.group(2)) : null;
        if (unit == null) {
            throw new TypeConversionException("'" + value + "' is not a size: use a whole number of bytes and an optional unit,"
                    + " such as 16MiB, 8m or 50MB (KiB, MiB, GiB, TiB and k, m, g, t count in 1024s; KB, MB, GB, TB in 1000s)");
        }
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1).replace("_", "")), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is too large: at most " + Long.MAX_VALUE + " bytes (8 EiB)");
        }
    }
}
