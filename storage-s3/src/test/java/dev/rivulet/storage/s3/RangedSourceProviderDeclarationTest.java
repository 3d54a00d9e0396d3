package dev.rivulet.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.io.RangedSourceProvider;
import dev.rivulet.io.RangedSources;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The {@code s3} provider is declared where ServiceLoader looks on both paths: in this module's
 * descriptor, which core's descriptor answers with {@code uses}, and in META-INF/services for the
 * class path (where these tests run).
 */
class RangedSourceProviderDeclarationTest {

    private static final String PROVIDER = "dev.rivulet.storage.s3.internal.ranged.S3RangedSourceProvider";

    /** The descriptor of the module (a jar or a directory of classes) that {@code type} was loaded from. */
    private static ModuleDescriptor descriptorOf(Class<?> type) throws URISyntaxException {
        Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        return ModuleFinder.of(location).findAll().iterator().next().descriptor();
    }

    @Test
    void theModulePathFindsTheProviderThroughTheDescriptors() throws Exception {
        assertThat(descriptorOf(S3RangedSources.class).provides())
                .anySatisfy(p -> {
                    assertThat(p.service()).isEqualTo(RangedSourceProvider.class.getName());
                    assertThat(p.providers()).containsExactly(PROVIDER);
                });
        assertThat(descriptorOf(RangedSources.class).uses()).contains(RangedSourceProvider.class.getName());
    }

    @Test
    void theClassPathFindsTheProviderThroughMetaInfServices() {
        assertThat(ServiceLoader.load(RangedSourceProvider.class).stream().map(p -> p.type().getName())).contains(PROVIDER);
    }
}
