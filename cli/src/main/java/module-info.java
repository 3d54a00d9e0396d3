/**
 * Command-line programs on picocli with Rivulet's conventions; see {@link dev.rivulet.cli}.
 *
 * <p>picocli reads a command's {@code @Command}, {@code @Option} and {@code @Parameters} fields
 * reflectively: a modular application opens the packages of its commands to {@code info.picocli}.
 */
module dev.rivulet.cli {
    exports dev.rivulet.cli;
    // The rivulet command: its main class, and its commands for picocli to read.
    exports dev.rivulet.cli.command;
    opens dev.rivulet.cli.command to info.picocli;

    uses dev.rivulet.cli.RivuletConfiguration;

    requires transitive dev.rivulet.core;
    requires transitive info.picocli;
    requires dev.rivulet.report;
}
