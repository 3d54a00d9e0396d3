package dev.rivulet.internal.graph;

import dev.rivulet.RunGraph.EdgeKind;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The upstreams of a call found by introspection, and how to resolve its arguments once they are
 * done. A submitted run keeps its plan while it waits, so the plan of a call with one upstream, the
 * most common, holds it in fields of its own.
 */
public final class ArgumentPlan {

    public static final ArgumentPlan NONE = new ArgumentPlan(List.of(), false, null);

    /**
     * The upstreams when there are none or several; null for the common call with one, which the
     * three fields below hold without an {@link Upstream} and a list, made only when asked for.
     */
    private final List<Upstream> several;
    private final RunNode soleRun;
    private final EdgeKind soleKind;
    private final boolean soleAllowsFailure;
    private final boolean hasFutures;
    private final Set<Object> quoted;

    public ArgumentPlan(List<Upstream> upstreams, boolean hasFutures, Set<Object> quoted) {
        if (upstreams.size() == 1) {
            Upstream sole = upstreams.get(0);
            this.several = null;
            this.soleRun = sole.run();
            this.soleKind = sole.kind();
            this.soleAllowsFailure = sole.allowsFailure();
        } else {
            this.several = upstreams;
            this.soleRun = null;
            this.soleKind = null;
            this.soleAllowsFailure = false;
        }
        this.hasFutures = hasFutures;
        this.quoted = quoted;
    }

    /** The runs this call depends on, each once, in the order its arguments and wait-for list name them. */
    public List<Upstream> upstreams() {
        return several != null ? several : List.of(upstream(0));
    }

    /** How many runs this call depends on. */
    public int upstreamCount() {
        return several != null ? several.size() : 1;
    }

    /** The run of upstream {@code index}, 0 to {@link #upstreamCount()} (excluded). */
    public RunNode upstreamRun(int index) {
        return several != null ? several.get(index).run() : soleRun(index);
    }

    private Upstream upstream(int index) {
        return several != null ? several.get(index) : new Upstream(soleRun(index), soleKind, soleAllowsFailure);
    }

    private boolean allowsFailure(int index) {
        return several != null ? several.get(index).allowsFailure() : soleAllowsFailure;
    }

    private EdgeKind kind(int index) {
        return several != null ? several.get(index).kind() : soleKind;
    }

    private RunNode soleRun(int index) {
        Objects.checkIndex(index, 1);
        return soleRun;
    }

    /**
     * Whether {@code other} plans the same: the same upstreams, each the same way, and futures alike,
     * so that calls can share one plan. A plan with quoted arguments is not shared.
     */
    public boolean sameAs(ArgumentPlan other) {
        return other != null && quoted == null && other.quoted == null && hasFutures == other.hasFutures && soleRun == other.soleRun
                && soleKind == other.soleKind && soleAllowsFailure == other.soleAllowsFailure && Objects.equals(several, other.several);
    }

    /** Whether futures are among the arguments (not only in the wait-for list). */
    public boolean hasFutures() {
        return hasFutures;
    }

    /** The first upstream whose failure this call does not allow, or null. */
    public Upstream failedUpstream() {
        for (int i = 0, count = upstreamCount(); i < count; i++) {
            if (!allowsFailure(i) && upstreamRun(i).state().isFailure()) {
                return upstream(i);
            }
        }
        return null;
    }

    /** Notes that this call took notice of the failed upstreams it allows, so they need not fail their flow. */
    public void observeAllowedFailures() {
        for (int i = 0, count = upstreamCount(); i < count; i++) {
            if (allowsFailure(i) && upstreamRun(i).state().isFailure()) {
                upstreamRun(i).observeFailure();
            }
        }
    }

    /**
     * Whether a failed upstream is among the arguments, so that the call receives what stands in
     * for its value: null from {@code allowFailure}, an {@code Outcome.Failure} from {@code outcome}.
     * (A failed upstream it only waits for passes nothing.)
     */
    public boolean receivesFailure() {
        for (int i = 0, count = upstreamCount(); i < count; i++) {
            if (allowsFailure(i) && kind(i) != EdgeKind.WAIT_FOR && upstreamRun(i).state().isFailure()) {
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
