/**
 * Command-line programs on <a href="https://picocli.info">picocli</a> with Rivulet's conventions.
 * A program is a picocli {@code @Command} class whose fields are {@code @Option}s; {@link
 * dev.rivulet.cli.CommandLines} parses the arguments into it and runs it, with {@code --help} and
 * {@code --version}, a one-line error and exit code 2 for bad input, and what picocli lacks:
 * durations as Rivulet writes them ({@code 500ms}), dates with a plain message, sizes ({@link
 * dev.rivulet.cli.ByteSizeConverter}) and counts ({@link dev.rivulet.cli.CountConverter}, {@link
 * dev.rivulet.cli.PositiveCountConverter}). Everything under {@code dev.rivulet.cli.internal} is
 * implementation and may change without notice.
 */
package dev.rivulet.cli;
