package dev.rivulet.jdbc;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A new allocator for each test, closed after it: a test that leaks Arrow memory fails. */
final class AllocatorExtension implements BeforeEachCallback, AfterEachCallback {

    private BufferAllocator allocator;

    @Override
    public void beforeEach(ExtensionContext context) {
        allocator = new RootAllocator();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        allocator.close();
    }

    BufferAllocator allocator() {
        return allocator;
    }
}
