package dev.rivulet.history;

import dev.rivulet.RunGraph;
import java.util.Objects;

/**
 * An edge of a recorded flow run's graph, as {@link RunGraph.Edge} is of a live one: the upstream
 * run and the run that depended on it, by their ids.
 *
 * @param upstreamId the id of the run depended on: a task run or a subflow run of the flow run
 * @param downstreamId the id of the run that depended on it
 * @param kind how the dependency came about
 */
public record RunEdge(String upstreamId, String downstreamId, RunGraph.EdgeKind kind) {

    /**
     * Checks that no part is missing.
     *
     * @throws NullPointerException if a part is null
     */
    public RunEdge {
        Objects.requireNonNull(upstreamId, "upstreamId");
        Objects.requireNonNull(downstreamId, "downstreamId");
        Objects.requireNonNull(kind, "kind");
    }
}
