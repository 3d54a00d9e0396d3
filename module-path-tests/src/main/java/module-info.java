/**
 * A modular application that uses Rivulet as named modules: the tests launch it on the module path.
 *
 * <p>{@code dev.rivulet.moduletest.opened} is opened as the architecture page tells users to:
 * to Rivulet, which makes stubs of its task interfaces and reads the method references passed to
 * {@code submit}, and to Jackson, which stores its results as JSON. {@code dev.rivulet.moduletest.closed}
 * is exported but not opened, to show what a user who forgets gets told. The application is a
 * command line of {@code dev.rivulet.cli}, whose picocli reads it reflectively.
 */
module dev.rivulet.moduletest {
    requires dev.rivulet.core;
    // Nothing of it is named here: its zstd codec is found through ServiceLoader for compressed/json.
    requires dev.rivulet.codec;
    requires dev.rivulet.cli;
    requires dev.rivulet.jdbc;
    requires dev.rivulet.report;
    requires dev.rivulet.storage.s3;

    exports dev.rivulet.moduletest.closed;
    // ... and to the cli module, whose rivulet command calls the flow's method.
    opens dev.rivulet.moduletest.opened to dev.rivulet.core, com.fasterxml.jackson.databind, dev.rivulet.cli;
    // picocli reads the command's annotations and calls its subcommand methods.
    opens dev.rivulet.moduletest to info.picocli;
}
