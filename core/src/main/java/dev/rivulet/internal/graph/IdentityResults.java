package dev.rivulet.internal.graph;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * The results of a flow run's completed task runs, looked up by identity, so that a result passed
 * by value to a later task makes an edge in the graph. Results are held weakly: a flow that drops
 * a big result lets it be collected.
 *
 * <p>Lookups take no lock and allocate nothing; they first check the object's class against the
 * classes of the results held, so walking a large argument whose elements are of another class
 * costs little. Registration happens before the producing run's future completes, so a thread that
 * got the result through that future sees the registration.
 */
public final class IdentityResults {

    private static final class Entry extends WeakReference<Object> {
        final int hash;
        final RunNode run;
        final Entry next;

        Entry(Object key, int hash, RunNode run, Entry next, ReferenceQueue<Object> queue) {
            super(key, queue);
            this.hash = hash;
            this.run = run;
            this.next = next;
        }
    }

    private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    private volatile Entry[] table = new Entry[16];
    private volatile Class<?>[] classes = new Class<?>[0];
    private volatile int size;

    /** Past this many result classes, every object is looked up. */
    private static final int MAX_CLASSES = 16;

    /** Whether nothing has been registered, so lookups can be skipped. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Whether some registered result may be of exactly this class. */
    public boolean mayHold(Class<?> type) {
        Class<?>[] known = classes;
        if (known == null) {
            return true;
        }
        for (Class<?> c : known) {
            if (c == type) {
                return true;
            }
        }
        return false;
    }

    /** The run whose result {@code value} is, or null. */
    public RunNode lookup(Object value) {
        if (!mayHold(value.getClass())) {
            return null;
        }
        Entry[] t = table;
        int h = System.identityHashCode(value);
        for (Entry e = t[h & (t.length - 1)]; e != null; e = e.next) {
            if (e.get() == value) {
                return e.run;
            }
        }
        return null;
    }

    /**
     * Records {@code value} as the result of {@code run}. Values that are not distinct objects
     * (null, boxed primitives, enum constants, classes) are not recorded: equal ones are shared
     * everywhere, so identity would make false edges. Strings are recorded; a task that returns a
     * string constant shares it with every other use of that constant, which can only add an edge
     * to the graph, never hold a run back.
     */
    public void register(Object value, RunNode run) {
        if (isDistinct(value)) {
            registerDistinct(value, run);
        }
    }

    private synchronized void registerDistinct(Object value, RunNode run) {
        expungeStale();
        Class<?> type = value.getClass();
        if (!mayHold(type)) {
            Class<?>[] known = classes;
            if (known.length >= MAX_CLASSES) {
                classes = null;
            } else {
                Class<?>[] grown = java.util.Arrays.copyOf(known, known.length + 1);
                grown[known.length] = type;
                classes = grown;
            }
        }
        Entry[] t = table;
        if (size + 1 > t.length * 3 / 4) {
            t = resize(t);
        }
        int h = System.identityHashCode(value);
        int i = h & (t.length - 1);
        t[i] = new Entry(value, h, run, t[i], queue);
        size++;
        table = t; // volatile write publishes the new entry
    }

    private static boolean isDistinct(Object value) {
        return value != null && Shape.of(value.getClass()) != Shape.LEAF;
    }

    private Entry[] resize(Entry[] old) {
        return rehash(old, old.length * 2);
    }

    private void expungeStale() {
        boolean any = false;
        while (queue.poll() != null) {
            any = true;
        }
        if (any) {
            table = rehash(table, table.length);
        }
    }

    /** A table of {@code length} buckets holding the live entries of {@code from}; recounts {@link #size}. */
    private Entry[] rehash(Entry[] from, int length) {
        Entry[] to = new Entry[length];
        int live = 0;
        for (Entry head : from) {
            for (Entry e = head; e != null; e = e.next) {
                Object key = e.get();
                if (key != null) {
                    int i = e.hash & (length - 1);
                    to[i] = new Entry(key, e.hash, e.run, to[i], queue);
                    live++;
                }
            }
        }
        size = live;
        return to;
    }
}
