package dev.rivulet.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The objects marked by {@code Tasks.quote} on this thread, waiting for the task call whose
 * arguments they are. The call takes them; a flow's start and end clear what was left over.
 */
public final class Quotes {

    private static final ThreadLocal<Set<Object>> PENDING = new ThreadLocal<>();

    private Quotes() {}

    /** Marks {@code value} so that the next task call on this thread does not look into it. */
    public static <T> T mark(T value) {
        if (value != null) {
            Set<Object> pending = PENDING.get();
            if (pending == null) {
                pending = Collections.newSetFromMap(new IdentityHashMap<>());
                PENDING.set(pending);
            }
            pending.add(value);
        }
        return value;
    }

    /** The marked objects (an identity set), now no longer pending; null if none. */
    static Set<Object> take() {
        Set<Object> pending = PENDING.get();
        if (pending != null) {
            PENDING.remove();
        }
        return pending;
    }
}
