/**
 * Servers for tests: {@link dev.rivulet.testing.http.LoopbackObjectServer}, objects served over
 * HTTP on 127.0.0.1 with ranges and entity tags, as static file servers and object stores do.
 */
package dev.rivulet.testing.http;
