package dev.rivulet.internal;

import dev.rivulet.RunGraph.EdgeKind;

/** A run that a new run depends on, found among its arguments or wait-for list. */
record Upstream(TaskRunImpl run, EdgeKind kind, boolean allowsFailure) {}
