/**
 * How Rivulet reaches into user types (task interfaces, records among task arguments) under the
 * module system: the one place that takes lookups into them and says what a module must open when
 * it does not. Depends on nothing else of Rivulet's.
 */
package dev.rivulet.internal.access;
