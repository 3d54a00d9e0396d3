package dev.rivulet.cli;

import dev.rivulet.cli.internal.Counts;
import picocli.CommandLine.ITypeConverter;

/**
 * Reads an {@code int} option of 1 or more, digits grouped with underscores if you like: {@code
 * --threads 8}, {@code --rows 3_000_000}. Zero, a sign, a fraction or a value above {@link
 * Integer#MAX_VALUE} is refused, naming the value.
 *
 * {@snippet file="dev/rivulet/cli/snippets/CliSnippetsTest.java" region="positive-count"}
 *
 * @see CountConverter for counts that may be 0
 */
public final class PositiveCountConverter implements ITypeConverter<Integer> {

    /** Made by picocli for each option that names it. */
    public PositiveCountConverter() {}

    @Override
    public Integer convert(String value) {
        return Counts.parse(value, 1, "positive count");
    }
}
