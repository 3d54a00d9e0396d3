package dev.rivulet.internal.graph;

import dev.rivulet.RunGraph.EdgeKind;

/** A run that a new run depends on, found among its arguments or wait-for list. */
public record Upstream(RunNode run, EdgeKind kind, boolean allowsFailure) {}
