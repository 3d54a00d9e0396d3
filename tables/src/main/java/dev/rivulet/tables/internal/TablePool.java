package dev.rivulet.tables.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that compress Arrow batches, one per processor, shared by every serializer of this
 * module. Daemon threads, so they never keep a JVM alive; tasks on them never block on each other.
 */
final class TablePool {

    static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private static final AtomicInteger COUNT = new AtomicInteger();

    static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(THREADS, runnable -> {
        Thread thread = new Thread(runnable, "rivulet-table-" + COUNT.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private TablePool() {}
}
