/**
 * How values hold other values, worked out once per class for the two walks that look into
 * arguments: argument introspection ({@code internal.graph}) and cache-key hashing ({@code
 * internal.cache}). {@link dev.rivulet.internal.structure.Structure} says which children a class's
 * values have, {@link dev.rivulet.internal.structure.RecordComponents} reads a record's components
 * and rebuilds one. Each walk keeps its own traversal; docs/architecture.md says why.
 */
package dev.rivulet.internal.structure;
