package dev.rivulet.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A test with an Arrow allocator of its own, which must be empty once each test is done, and a directory for its files. */
abstract class ArrowMemoryTest {

    protected final BufferAllocator allocator = new RootAllocator();

    @TempDir
    protected Path dir;

    @AfterEach
    void noMemoryLeft() {
        assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory left allocated");
        allocator.close();
    }
}
