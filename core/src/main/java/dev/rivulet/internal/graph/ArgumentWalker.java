package dev.rivulet.internal.graph;

import dev.rivulet.RunGraph.EdgeKind;
import dev.rivulet.TaskFuture;
import java.util.ArrayList;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Argument introspection: walks a call's arguments (collections, maps with their keys, object
 * arrays, records, optionals; cycles are safe) to find the futures and upstream results in them,
 * which become the run's upstreams and the graph's edges. Arguments marked by {@code Tasks.quote}
 * are not walked.
 */
public final class ArgumentWalker {

    private final IdentityResults results;
    private final Set<Object> quoted;
    private Map<RunNode, Upstream> found;
    private IdentityHashMap<Object, Boolean> visited;
    private boolean futures;

    private ArgumentWalker(IdentityResults results, Set<Object> quoted) {
        this.results = results == null || results.isEmpty() ? null : results;
        this.quoted = quoted;
    }

    /**
     * Plans a call: finds its upstreams.
     *
     * @param results the flow run's results, for identity edges; null outside a flow
     * @param quoted objects not to look into (identity set), or null
     * @param waitFor futures to wait for without passing their values
     */
    public static ArgumentPlan plan(Object[] args, IdentityResults results, Set<Object> quoted, List<TaskFuture<?>> waitFor) {
        if (waitFor.isEmpty() && nothingToWalk(args, quoted)) {
            return ArgumentPlan.NONE;
        }
        ArgumentWalker walker = new ArgumentWalker(results, quoted);
        for (Object arg : args) {
            walker.walk(arg);
        }
        for (TaskFuture<?> future : waitFor) {
            if (future instanceof FutureHandle handle) {
                walker.add(handle.source(), EdgeKind.WAIT_FOR, handle.allowsFailure());
            }
        }
        if (walker.found == null && !walker.futures) {
            return ArgumentPlan.NONE;
        }
        List<Upstream> upstreams = walker.found == null ? List.of() : List.copyOf(walker.found.values());
        return new ArgumentPlan(upstreams, walker.futures, quoted);
    }

    /** Whether every argument is null, a leaf (a boxed primitive, an enum...) or quoted: the common, cheap cases. */
    private static boolean nothingToWalk(Object[] args, Set<Object> quoted) {
        for (Object arg : args) {
            if (arg != null && Shape.of(arg.getClass()) != Shape.LEAF && (quoted == null || !quoted.contains(arg))) {
                return false;
            }
        }
        return true;
    }

    private void add(RunNode run, EdgeKind kind, boolean allowsFailure) {
        if (found == null) {
            found = new LinkedHashMap<>();
        }
        Upstream existing = found.get(run);
        if (existing == null) {
            found.put(run, new Upstream(run, kind, allowsFailure));
        } else if (existing.allowsFailure() && !allowsFailure) {
            found.put(run, new Upstream(run, existing.kind(), false));
        }
    }

    private void walk(Object o) {
        if (o == null || quoted != null && quoted.contains(o)) {
            return;
        }
        Shape shape = Shape.of(o.getClass());
        switch (shape) {
            case LEAF, DEFERRED -> { }
            case FUTURE -> {
                FutureHandle handle = (FutureHandle) o;
                add(handle.source(), EdgeKind.FUTURE, handle.allowsFailure());
                futures = true;
            }
            case FUTURE_VALUES -> {
                for (FutureHandle handle : ((FutureValues<?>) o).handles()) {
                    add(handle.source(), EdgeKind.FUTURE, handle.allowsFailure());
                }
                futures = true;
            }
            default -> {
                if (results != null) {
                    RunNode producer = results.lookup(o);
                    if (producer != null) {
                        add(producer, EdgeKind.RESULT, false);
                        return;
                    }
                }
                try {
                    walkInside(o, shape);
                } catch (ConcurrentModificationException e) {
                    // Another thread is changing this container (a shared sink, say): it carries no
                    // futures we could wait for consistently, so it is passed on as it is.
                }
            }
        }
    }

    private void walkInside(Object o, Shape shape) {
        switch (shape) {
            case COLLECTION -> {
                if (firstVisit(o)) {
                    for (Object element : (Collection<?>) o) {
                        walk(element);
                    }
                }
            }
            case MAP -> {
                if (firstVisit(o)) {
                    for (Map.Entry<?, ?> entry : ((Map<?, ?>) o).entrySet()) {
                        walk(entry.getKey());
                        walk(entry.getValue());
                    }
                }
            }
            case OBJECT_ARRAY -> {
                if (firstVisit(o)) {
                    for (Object element : (Object[]) o) {
                        walk(element);
                    }
                }
            }
            case RECORD -> {
                // Records are immutable: a cycle through one passes a mutable container, which is tracked.
                for (Object component : Shape.recordValues(o)) {
                    walk(component);
                }
            }
            case OPTIONAL -> walk(((Optional<?>) o).orElse(null));
            default -> { }
        }
    }

    private boolean firstVisit(Object container) {
        if (visited == null) {
            visited = new IdentityHashMap<>();
        }
        return visited.put(container, Boolean.TRUE) == null;
    }

    /**
     * Replaces the futures inside arguments with their values, rebuilding only what held one. With
     * {@code defer}, the value of a future whose run dropped it from memory is not loaded: a {@link
     * DeferredValue} takes its place, and a second pass without {@code defer} loads it. Every value
     * put in a future's place is remembered with the run it came from.
     */
    static final class Resolver {
        private final Set<Object> quoted;
        private final boolean defer;
        private final IdentityHashMap<Object, Boolean> inProgress = new IdentityHashMap<>();
        /** The values that took the place of futures, with their runs; null until one did. */
        private IdentityHashMap<Object, RunNode> producers;
        private boolean deferred;

        Resolver(Set<Object> quoted, boolean defer) {
            this.quoted = quoted;
            this.defer = defer;
        }

        /** Whether the pass left a {@link DeferredValue} somewhere since this was last asked. */
        boolean takeDeferred() {
            boolean any = deferred;
            deferred = false;
            return any;
        }

        IdentityHashMap<Object, RunNode> producers() {
            return producers;
        }

        Object resolve(Object o) {
            if (o == null || quoted != null && quoted.contains(o)) {
                return o;
            }
            Shape shape = Shape.of(o.getClass());
            return switch (shape) {
                case LEAF, OTHER -> o;
                case FUTURE -> valueOf((FutureHandle) o);
                case DEFERRED -> ((DeferredValue) o).load();
                case FUTURE_VALUES -> {
                    List<Object> values = new ArrayList<>();
                    for (FutureHandle handle : ((FutureValues<?>) o).handles()) {
                        values.add(valueOf(handle));
                    }
                    yield values;
                }
                default -> {
                    if (inProgress.put(o, Boolean.TRUE) != null) {
                        yield o;
                    }
                    try {
                        yield rebuild(o, shape);
                    } finally {
                        inProgress.remove(o);
                    }
                }
            };
        }

        private Object valueOf(FutureHandle handle) {
            if (!handle.passesValueItself()) {
                return handle.value();
            }
            RunNode source = handle.source();
            Object value;
            if (defer && source.valueDropped()) {
                value = new DeferredValue(handle);
                deferred = true;
            } else {
                value = handle.value();
            }
            if (value != null && Shape.of(value.getClass()) != Shape.LEAF) {
                if (producers == null) {
                    producers = new IdentityHashMap<>();
                }
                producers.put(value, source);
            }
            return value;
        }

        private Object rebuild(Object o, Shape shape) {
            switch (shape) {
                case COLLECTION -> {
                    Collection<?> source = (Collection<?>) o;
                    List<Object> values = new ArrayList<>(source.size());
                    boolean changed = false;
                    for (Object element : source) {
                        Object value = resolve(element);
                        changed |= value != element;
                        values.add(value);
                    }
                    if (!changed) {
                        return o;
                    }
                    return o instanceof Set<?> ? new java.util.LinkedHashSet<>(values) : values;
                }
                case MAP -> {
                    Map<Object, Object> values = new LinkedHashMap<>();
                    boolean changed = false;
                    for (Map.Entry<?, ?> entry : ((Map<?, ?>) o).entrySet()) {
                        Object key = resolve(entry.getKey());
                        Object value = resolve(entry.getValue());
                        changed |= key != entry.getKey() || value != entry.getValue();
                        values.put(key, value);
                    }
                    return changed ? values : o;
                }
                case OBJECT_ARRAY -> {
                    Object[] source = (Object[]) o;
                    Object[] copy = null;
                    for (int i = 0; i < source.length; i++) {
                        Object value = resolve(source[i]);
                        if (value != source[i]) {
                            if (copy == null) {
                                copy = source.clone();
                            }
                            copy[i] = value;
                        }
                    }
                    return copy == null ? o : copy;
                }
                case RECORD -> {
                    Object[] components = Shape.recordValues(o);
                    boolean changed = false;
                    for (int i = 0; i < components.length; i++) {
                        Object value = resolve(components[i]);
                        changed |= value != components[i];
                        components[i] = value;
                    }
                    return changed ? Shape.newRecord(o.getClass(), components) : o;
                }
                case OPTIONAL -> {
                    Optional<?> optional = (Optional<?>) o;
                    Object inner = optional.orElse(null);
                    Object value = resolve(inner);
                    return value == inner ? o : Optional.ofNullable(value);
                }
                default -> {
                    return o;
                }
            }
        }
    }
}
