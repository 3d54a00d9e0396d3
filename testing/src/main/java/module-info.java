/**
 * The contract suites of Rivulet's SPIs: extend one in your tests to check your own result store,
 * serializer, task runner or ranged-source provider; see {@link dev.rivulet.testing.contract}. And
 * a loopback HTTP server of objects, {@link dev.rivulet.testing.http.LoopbackObjectServer}, for
 * tests of code that reads over HTTP.
 *
 * <p>The suites are JUnit 5 test classes, so their package is open to JUnit, which runs their
 * methods reflectively.
 */
module dev.rivulet.testing.contract {
    exports dev.rivulet.testing.contract;
    exports dev.rivulet.testing.http;
    opens dev.rivulet.testing.contract to org.junit.platform.commons;

    requires transitive dev.rivulet.core;
    requires transitive org.junit.jupiter.api;
    requires jdk.httpserver;
}
