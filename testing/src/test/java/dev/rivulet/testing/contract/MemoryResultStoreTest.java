package dev.rivulet.testing.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.result.ResultStore;
import dev.rivulet.result.ResultStores;
import org.junit.jupiter.api.Test;

class MemoryResultStoreTest extends ResultStoreContract {

    @Override
    protected ResultStore newStore() {
        return ResultStores.memory(64L << 20);
    }

    @Test
    void holdsNoMoreThanItsBound() throws Exception {
        ResultStore small = ResultStores.memory(1 << 20);
        for (int i = 0; i < 40; i++) {
            small.write(record("k" + i), out -> out.write(bytes(100_000, 1)));
        }
        long present = 0;
        for (int i = 0; i < 40; i++) {
            present += small.record("k" + i).isPresent() ? 1 : 0;
        }
        assertTrue(present <= 12, present + " entries of 100 kB kept in 1 MiB");
        assertThrows(IllegalArgumentException.class, () -> ResultStores.memory(0));
        assertEquals("memory(1048576 bytes)", small.describe());
    }
}
