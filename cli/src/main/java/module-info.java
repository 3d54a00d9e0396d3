/**
 * Command-line programs on picocli with Rivulet's conventions; see {@link dev.rivulet.cli}.
 *
 * <p>picocli reads a command's {@code @Command}, {@code @Option} and {@code @Parameters} fields
 * reflectively: a modular application opens the packages of its commands to {@code info.picocli}.
 */
module dev.rivulet.cli {
    exports dev.rivulet.cli;

    requires transitive dev.rivulet.core;
    requires transitive info.picocli;
}
