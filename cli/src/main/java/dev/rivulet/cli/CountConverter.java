package dev.rivulet.cli;

import dev.rivulet.cli.internal.Counts;
import picocli.CommandLine.ITypeConverter;

/**
 * Reads an {@code int} option of 0 or more, digits grouped with underscores if you like: {@code
 * --warmup 0}, {@code --rows 3_000_000}. A sign, a fraction or a value above {@link
 * Integer#MAX_VALUE} is refused, naming the value.
 *
 * {@snippet file="dev/rivulet/cli/snippets/CliSnippetsTest.java" region="count"}
 *
 * @see PositiveCountConverter for counts of 1 or more
 */
public final class CountConverter implements ITypeConverter<Integer> {

    /** Made by picocli for each option that names it. */
    public CountConverter() {}

    @Override
    public Integer convert(String value) {
        return Counts.parse(value, 0, "count");
    }
}
