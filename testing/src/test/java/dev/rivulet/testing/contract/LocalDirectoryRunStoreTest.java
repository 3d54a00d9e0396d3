package dev.rivulet.testing.contract;

import dev.rivulet.history.RunStore;
import dev.rivulet.history.RunStores;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryRunStoreTest extends RunStoreContract {

    // @start region=contract
    @TempDir
    Path directory;

    @Override
    protected RunStore openStore() {
        return RunStores.local(directory.resolve("runs"));
    }
    // @end
}
