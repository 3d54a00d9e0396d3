package dev.rivulet.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rivulet-storage-s3} is an optional dependency: local roots work without it and without the
 * AWS SDK. The test loads the assets API in a class loader over this test's class path without
 * either, as a user's application that never added them would.
 */
class WithoutStorageS3Test {

    @TempDir
    Path directory;

    @Test
    void localRootsNeedNoS3ClassesAndAnS3RootSaysWhichDependencyToAdd() throws Exception {
        try (URLClassLoader application = new URLClassLoader(classPathWithoutS3(), ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> application.loadClass("dev.rivulet.storage.s3.S3ClientOptions"))
                    .as("the class path really lacks storage-s3").isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> application.loadClass("software.amazon.awssdk.services.s3.S3Client"))
                    .as("and the AWS SDK").isInstanceOf(ClassNotFoundException.class);

            Class<?> rootType = Class.forName(ArtifactRoot.class.getName(), true, application);
            assertThat(rootType.getMethods()).as("frameworks that reflect over the root's methods load no S3 type")
                    .extracting(Method::getName).contains("local", "fromEnvironment", "query", "close");

            AutoCloseable local = (AutoCloseable) rootType.getMethod("local", Path.class).invoke(null, directory);
            try (local) {
                assertThat(rootType.getMethod("latest", String.class).invoke(local, "never")).isEqualTo(Optional.empty());
            }

            System.setProperty(ArtifactRoot.SYSTEM_PROPERTY, "s3://analytics/assets");
            try {
                assertThatThrownBy(() -> rootType.getMethod("fromEnvironment").invoke(null))
                        .isInstanceOf(InvocationTargetException.class).cause()
                        .satisfies(e -> assertThat(e.getClass().getName()).isEqualTo(AssetException.class.getName()))
                        .hasMessageContaining("the artifacts root s3://analytics/assets is in S3, which needs rivulet-storage-s3")
                        .hasMessageContaining("add the dependency dev.rivulet:rivulet-storage-s3");
            } finally {
                System.clearProperty(ArtifactRoot.SYSTEM_PROPERTY);
            }
        }
    }

    /** This test's class path but for storage-s3 (and its testing module) and the AWS SDK. */
    private static URL[] classPathWithoutS3() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String normalized = entry.replace(File.separatorChar, '/');
            if (normalized.contains("storage-s3") || normalized.contains("/software/amazon/")) {
                continue;
            }
            urls.add(Path.of(entry).toUri().toURL());
        }
        return urls.toArray(URL[]::new);
    }
}
