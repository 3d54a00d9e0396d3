package dev.rivulet.internal.result;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** Per-key locks within this JVM; entries go away when nobody holds or waits for them. */
public final class KeyLocks {

    private static final class Counted {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    private final ConcurrentHashMap<String, Counted> locks = new ConcurrentHashMap<>();

    /** Takes the lock for {@code key}; returns the action that releases it. */
    public Runnable lock(String key) throws InterruptedException {
        Counted counted = locks.compute(key, (k, c) -> {
            Counted held = c == null ? new Counted() : c;
            held.users++;
            return held;
        });
        try {
            counted.lock.lockInterruptibly();
        } catch (InterruptedException e) {
            release(key, counted, false);
            throw e;
        }
        return () -> release(key, counted, true);
    }

    /** The keys whose lock someone holds now. */
    public List<String> lockedKeys() {
        List<String> locked = new ArrayList<>();
        locks.forEach((key, counted) -> {
            if (counted.lock.isLocked()) {
                locked.add(key);
            }
        });
        return locked;
    }

    private void release(String key, Counted counted, boolean held) {
        if (held) {
            counted.lock.unlock();
        }
        locks.compute(key, (k, c) -> --counted.users == 0 ? null : c);
    }
}
