/**
 * Rivulet's core: tasks and flows, the run engine, task runners, results and caching.
 *
 * <p>Only the API packages are exported; everything under {@code dev.rivulet.internal} may change
 * without notice. Rivulet reaches user code reflectively (stubs of task interfaces, method
 * references passed to {@code submit}, record components of task arguments, Jackson for {@code json}
 * results), so a modular application opens the packages of its task interfaces to this module,
 * and the packages of its result types to {@code com.fasterxml.jackson.databind} when they are
 * stored as JSON: see the architecture page, "Rivulet on the module path".
 *
 * <p>Serializers and codecs are found with {@link java.util.ServiceLoader}: a module provides
 * {@link dev.rivulet.result.Serializer} or {@link dev.rivulet.result.Codec}. So are the readers of
 * URI schemes beyond the built-in {@code file}, {@code http} and {@code https}: a module provides
 * {@link dev.rivulet.io.RangedSourceProvider} ({@code dev.rivulet.storage.s3} provides {@code s3}).
 */
module dev.rivulet.core {
    exports dev.rivulet;
    exports dev.rivulet.extension;
    exports dev.rivulet.function;
    exports dev.rivulet.history;
    exports dev.rivulet.io;
    exports dev.rivulet.param;
    exports dev.rivulet.result;
    exports dev.rivulet.runner;
    exports dev.rivulet.secret;
    exports dev.rivulet.testing;

    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;
    // The built-in http and https ranged sources.
    requires java.net.http;
    // Only to copy the lines logged during a run into its record, when Logback is the SLF4J backend.
    requires static ch.qos.logback.classic;
    requires static ch.qos.logback.core;
    // Only for the JUnit 5 extension in dev.rivulet.testing, which tests load with JUnit on the path.
    requires static org.junit.jupiter.api;

    uses dev.rivulet.extension.TaskType;
    uses dev.rivulet.io.RangedSourceProvider;
    uses dev.rivulet.result.Codec;
    uses dev.rivulet.result.Serializer;
    uses dev.rivulet.secret.SecretProvider;
}
