package dev.rivulet.testing.contract;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileRangedSourceTest extends RangedSourceContract {

    // @start region=contract
    @TempDir
    Path directory;

    @Override
    protected URI locationOf(String name) {
        return directory.resolve(name).toUri();
    }

    @Override
    protected void store(String name, byte[] content) throws Exception {
        Files.write(directory.resolve(name), content);
    }
    // @end
}
