package dev.rivulet.benchmarks;

import dev.rivulet.cli.CountConverter;
import dev.rivulet.cli.PositiveCountConverter;
import picocli.CommandLine.Option;

/**
 * The options of a benchmark that measures rounds, {@code --warmup N} and {@code --rounds N}, taken
 * into its command with picocli's {@code @Mixin}, each benchmark with its own defaults.
 */
final class Rounds {

    @Option(names = "--warmup", paramLabel = "N", converter = CountConverter.class, description = "rounds run first and not measured")
    int warmup;

    @Option(names = "--rounds", paramLabel = "N", converter = PositiveCountConverter.class, description = "measured rounds")
    int measured;

    Rounds(int warmup, int measured) {
        this.warmup = warmup;
        this.measured = measured;
    }
}
