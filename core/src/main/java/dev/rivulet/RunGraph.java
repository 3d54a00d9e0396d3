package dev.rivulet;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of a flow run's dependency graph: the task runs and subflow runs made in it, and the
 * edges between them.
 *
 * <p>An edge runs from an upstream run to a downstream run that depended on it:
 *
 * <ul>
 *   <li>{@link EdgeKind#FUTURE}: a {@link TaskFuture} of the upstream was among the downstream's
 *       arguments (at the top level or inside a collection, map, array, record or optional);
 *   <li>{@link EdgeKind#RESULT}: the upstream's result object itself was passed, recognised by
 *       identity;
 *   <li>{@link EdgeKind#WAIT_FOR}: the downstream was told to wait for the upstream with {@link
 *       Tasks#waitFor}.
 * </ul>
 *
 * <p>Arguments passed through {@link Tasks#quote} make no edges.
 *
 * <p>Runs are told apart with {@code equals}: a live run equals only itself; a run read from the
 * run history (a finished flow run's, see {@link Rivulet#recentFlowRuns()}) equals every other
 * read of the same run, so that a task run from one call of {@link FlowRun#taskRuns()} finds its
 * upstreams in the graph of the next call of {@link FlowRun#graph()}.
 *
 * @param nodes the runs, in the order they were created
 * @param edges the edges, each once, in the order they were found
 */
public record RunGraph(List<Run> nodes, List<Edge> edges) {

    /**
     * Copies the lists, so the graph is a snapshot.
     *
     * @throws NullPointerException if a list or an element is null
     */
    public RunGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** How a downstream run came to depend on an upstream run. */
    public enum EdgeKind {
        /** A future of the upstream was passed as an argument. */
        FUTURE,
        /** The upstream's result was passed by value (recognised by identity). */
        RESULT,
        /** The downstream was told to wait for the upstream. */
        WAIT_FOR,
        /**
         * The downstream read what the upstream wrote while it ran, found by name rather than
         * passed: a data asset querying another asset as {@code {asset:name}}.
         */
        READ
    }

    /**
     * An edge from an upstream run to a run that depended on it.
     *
     * @param upstream the run depended on
     * @param downstream the run that depended on it
     * @param kind how the dependency came about
     */
    public record Edge(Run upstream, Run downstream, EdgeKind kind) {
        /**
         * Checks that no part is missing.
         *
         * @throws NullPointerException if any of them is null
         */
        public Edge {
            Objects.requireNonNull(upstream, "upstream");
            Objects.requireNonNull(downstream, "downstream");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * {@return the runs that {@code run} depended on, in edge order}
     *
     * @param run a node of this graph
     */
    public List<Run> upstreamsOf(Run run) {
        return edges.stream().filter(e -> e.downstream().equals(run)).map(Edge::upstream).distinct().toList();
    }

    /**
     * {@return the runs that depended on {@code run}, in edge order}
     *
     * @param run a node of this graph
     */
    public List<Run> downstreamsOf(Run run) {
        return edges.stream().filter(e -> e.upstream().equals(run)).map(Edge::downstream).distinct().toList();
    }

    /**
     * The graph as text, one node a line in creation order, each with its state, duration and
     * upstreams:
     *
     * <pre>
     * extract-0      COMPLETED   412 ms
     * transform-0    COMPLETED    95 ms  &lt;- extract-0 (result)
     * </pre>
     *
     * @return the text, lines separated by {@code \n}
     */
    public String render() {
        int width = nodes.stream().mapToInt(n -> label(n).length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (Run node : nodes) {
            String label = label(node);
            out.append(label).append(" ".repeat(width - label.length() + 2));
            out.append(String.format("%-9s", node.state()));
            out.append(String.format(" %7s", duration(node)));
            String upstreams = edges.stream()
                    .filter(e -> e.downstream().equals(node))
                    .map(e -> e.upstream().name() + " (" + e.kind().name().toLowerCase().replace('_', '-') + ")")
                    .distinct()
                    .reduce((a, b) -> a + ", " + b)
                    .orElse("");
            if (!upstreams.isEmpty()) {
                out.append("  <- ").append(upstreams);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String label(Run node) {
        return node instanceof FlowRun ? "[flow] " + node.name() : node.name();
    }

    private static String duration(Run node) {
        if (node.startTime().isEmpty() || node.endTime().isEmpty()) {
            return "";
        }
        return Duration.between(node.startTime().get(), node.endTime().get()).toMillis() + " ms";
    }
}
