package dev.rivulet.internal.graph;

import java.util.Collections;
import java.util.Set;

/**
 * The objects marked by {@code Tasks.quote} on this thread, waiting for the task call whose
 * arguments they are. The call takes them; a flow's start and end clear what was left over.
 */
public final class Quotes {

    private static final ThreadLocal<Set<Object>> PENDING = new ThreadLocal<>();
    /** An emptied set a finished call gave back, for this thread's next quote. */
    private static final ThreadLocal<SmallIdentitySet> SPARE = new ThreadLocal<>();

    private Quotes() {}

    /** Marks {@code value} so that the next task call on this thread does not look into it. */
    public static <T> T mark(T value) {
        if (value != null) {
            Set<Object> pending = PENDING.get();
            if (pending == null) {
                SmallIdentitySet spare = SPARE.get();
                if (spare != null) {
                    SPARE.set(null);
                    pending = spare;
                } else {
                    pending = new SmallIdentitySet();
                }
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
        Set<Object> marks = take();
        // Not a SmallIdentitySet any more, so no call recycles (empties) it between submissions.
        return marks == null ? null : Collections.unmodifiableSet(marks);
    }

    /** Makes {@code marks} (from {@link #takeForReuse}) pending again; null does nothing. */
    public static void restore(Set<Object> marks) {
        if (marks != null) {
            PENDING.set(marks);
        }
    }

    /** Gives back marks that a call took and no longer needs, so the thread's next quote can reuse the set. */
    public static void recycle(Set<Object> marks) {
        if (marks instanceof SmallIdentitySet set) {
            set.clear();
            SPARE.set(set);
        }
    }

    /** The marked objects (an identity set), now no longer pending; null if none. */
    public static Set<Object> take() {
        Set<Object> pending = PENDING.get();
        if (pending != null) {
            PENDING.set(null);
        }
        return pending;
    }
}
