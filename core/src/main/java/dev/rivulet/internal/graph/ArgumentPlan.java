package dev.rivulet.internal.graph;

import dev.rivulet.RunGraph.EdgeKind;
import java.util.List;
import java.util.Set;

/** The upstreams of a call found by introspection, and how to resolve its arguments once they are done. */
public final class ArgumentPlan {

    public static final ArgumentPlan NONE = new ArgumentPlan(List.of(), false, null);

    public final List<Upstream> upstreams;
    private final boolean hasFutures;
    private final Set<Object> quoted;

    public ArgumentPlan(List<Upstream> upstreams, boolean hasFutures, Set<Object> quoted) {
        this.upstreams = upstreams;
        this.hasFutures = hasFutures;
        this.quoted = quoted;
    }

    /** Whether futures are among the arguments (not only in the wait-for list). */
    public boolean hasFutures() {
        return hasFutures;
    }

    /** The first upstream whose failure this call does not allow, or null. */
    public Upstream failedUpstream() {
        for (Upstream upstream : upstreams) {
            if (!upstream.allowsFailure() && upstream.run().state().isFailure()) {
                return upstream;
            }
        }
        return null;
    }

    /** Notes that this call took notice of the failed upstreams it allows, so they need not fail their flow. */
    public void observeAllowedFailures() {
        for (Upstream upstream : upstreams) {
            if (upstream.allowsFailure() && upstream.run().state().isFailure()) {
                upstream.run().observeFailure();
            }
        }
    }

    /**
     * Whether a failed upstream is among the arguments, so that the call receives what stands in
     * for its value: null from {@code allowFailure}, an {@code Outcome.Failure} from {@code outcome}.
     * (A failed upstream it only waits for passes nothing.)
     */
    public boolean receivesFailure() {
        for (Upstream upstream : upstreams) {
            if (upstream.allowsFailure() && upstream.kind() != EdgeKind.WAIT_FOR && upstream.run().state().isFailure()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The arguments with every future replaced by its value, except values their runs dropped from
     * memory, which are loaded by {@link ResolvedArguments#loaded()}; {@code args} themselves when
     * there are no futures.
     */
    public ResolvedArguments resolve(Object[] args) {
        if (!hasFutures) {
            return new ResolvedArguments(args, null, null, quoted);
        }
        ArgumentWalker.Resolver resolver = new ArgumentWalker.Resolver(quoted, true);
        Object[] resolved = new Object[args.length];
        boolean[] deferredAt = null;
        for (int i = 0; i < args.length; i++) {
            resolved[i] = resolver.resolve(args[i]);
            if (resolver.takeDeferred()) {
                if (deferredAt == null) {
                    deferredAt = new boolean[args.length];
                }
                deferredAt[i] = true;
            }
        }
        return new ResolvedArguments(resolved, resolver.producers(), deferredAt, quoted);
    }
}
