package dev.rivulet.assets.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache directory is the user's own: made private, and refused when it is a link. */
class ArtifactCacheDirectoryTest {

    @TempDir
    Path directory;

    @Test
    void aNewCacheDirectoryIsReadableByItsUserAlone() throws IOException {
        ArtifactCache cache = new ArtifactCache(directory.resolve("cache"), 1 << 20, Duration.ofMinutes(10));

        Path made = cache.secured();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made))).isEqualTo("rwx------");
    }

    @Test
    void aLinkInPlaceOfTheCacheDirectoryIsRefused() throws IOException {
        Path elsewhere = Files.createDirectory(directory.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(directory.resolve("cache"), elsewhere);
        ArtifactCache cache = new ArtifactCache(link, 1 << 20, Duration.ofMinutes(10));

        assertThatThrownBy(cache::secured).isInstanceOf(IOException.class)
                .hasMessageContaining("is not a directory of its own (a link or a file); choose another cache directory");
    }
}
