/**
 * A real database for tests: {@link dev.rivulet.jdbc.testing.MariaDbTestServer}, Debian's MariaDB
 * server started by the test on 127.0.0.1 with its data in a temporary directory, and
 * {@link dev.rivulet.jdbc.testing.MariaDbTestServerExtension}, one server per JUnit 5 test class.
 */
package dev.rivulet.jdbc.testing;
