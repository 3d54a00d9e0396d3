package dev.rivulet.internal;

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
                pending = new SmallIdentitySet();
                PENDING.set(pending);
            }
            pending.add(value);
        }
        return value;
    }

    /**
     * Takes the pending marks for a call that makes many task calls from one set of arguments
     * ({@code map}); give them back before each with {@link #restore}.
     */
    public static Set<Object> takeForReuse() {
        return take();
    }

    /** Makes {@code marks} (from {@link #takeForReuse}) pending again; null does nothing. */
    public static void restore(Set<Object> marks) {
        if (marks != null) {
            PENDING.set(marks);
        }
    }

    /** The marked objects (an identity set), now no longer pending; null if none. */
    static Set<Object> take() {
        Set<Object> pending = PENDING.get();
        if (pending != null) {
            PENDING.set(null);
        }
        return pending;
    }
}
