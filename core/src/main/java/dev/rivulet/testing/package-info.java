/**
 * Test support for projects that use Rivulet: {@link dev.rivulet.testing.RivuletExtension}, a JUnit
 * 5 extension with a fresh in-memory runtime per test. Needs {@code junit-jupiter-api} on the test
 * class path.
 */
package dev.rivulet.testing;
