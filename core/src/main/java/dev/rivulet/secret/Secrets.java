package dev.rivulet.secret;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds secrets by name, asking providers in order: the first that has a secret gives it.
 *
 * <p>{@link #defaults()} asks, in this order:
 * <ol>
 *   <li>environment variables ({@code DB_PASS});
 *   <li>system properties ({@code -DDB_PASS=...});
 *   <li>files of the directory named by the environment variable {@code RIVULET_SECRETS_DIR}, or
 *       else {@code /run/secrets} (where Docker mounts secrets): the file {@code DB_PASS};
 *   <li>the properties file named by {@code RIVULET_SECRETS_FILE}, or else {@code
 *       ~/.rivulet/secrets.properties}: the key {@code DB_PASS};
 *   <li>every {@link SecretProvider} found with {@link ServiceLoader}, such as a cloud secrets
 *       manager, in the order the service loader gives them.
 * </ol>
 * A missing directory or file is simply skipped.
 *
 * {@snippet file="dev/rivulet/snippets/SecretSnippetsTest.java" region="chain"}
 */
public final class Secrets {

    /** The environment variable naming the directory of secret files of {@link #defaults()}. */
    public static final String DIRECTORY_VARIABLE = "RIVULET_SECRETS_DIR";

    /** The environment variable naming the properties file of {@link #defaults()}. */
    public static final String FILE_VARIABLE = "RIVULET_SECRETS_FILE";

    private final List<SecretProvider> providers;

    private Secrets(List<SecretProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /**
     * The chain the class javadoc describes, with the environment and the service loader as they are now.
     *
     * @return the chain
     */
    public static Secrets defaults() {
        List<SecretProvider> chain = new ArrayList<>();
        chain.add(SecretProviders.environment());
        chain.add(SecretProviders.systemProperties());
        String directory = System.getenv(DIRECTORY_VARIABLE);
        chain.add(SecretProviders.directory(Path.of(directory != null && !directory.isBlank() ? directory : "/run/secrets")));
        String file = System.getenv(FILE_VARIABLE);
        chain.add(SecretProviders.propertiesFile(file != null && !file.isBlank() ? Path.of(file)
                : Path.of(System.getProperty("user.home"), ".rivulet", "secrets.properties")));
        ServiceLoader.load(SecretProvider.class, Secrets.class.getClassLoader()).forEach(chain::add);
        return new Secrets(chain);
    }

    /**
     * A chain of exactly {@code providers}, asked in this order.
     *
     * @param providers the providers, at least one
     * @return the chain
     * @throws IllegalArgumentException if there is none
     */
    public static Secrets of(SecretProvider... providers) {
        return of(List.of(providers));
    }

    /**
     * A chain of exactly {@code providers}, asked in this order.
     *
     * @param providers the providers, at least one
     * @return the chain
     * @throws IllegalArgumentException if there is none
     */
    public static Secrets of(List<SecretProvider> providers) {
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("a chain of secret providers needs at least one");
        }
        return new Secrets(providers);
    }

    /**
     * The providers, in the order they are asked.
     *
     * @return the providers
     */
    public List<SecretProvider> providers() {
        return providers;
    }

    /**
     * The secret named {@code name} from the first provider that has it.
     *
     * @param name the secret's name
     * @return the secret
     * @throws MissingSecretException if no provider has it; the message names every place tried
     * @throws java.io.UncheckedIOException if a provider has it but cannot read it, or cannot be reached
     */
    public Secret get(String name) {
        return find(name).orElseThrow(() -> new MissingSecretException(name, providers.stream().map(p -> p.describe(name)).toList()));
    }

    /**
     * The secret named {@code name} from the first provider that has it, if one does.
     *
     * @param name the secret's name
     * @return the secret, or empty
     * @throws java.io.UncheckedIOException if a provider cannot be read or reached
     */
    public Optional<Secret> find(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a secret's name must not be blank");
        }
        for (SecretProvider provider : providers) {
            Optional<String> value;
            try {
                value = provider.find(name);
            } catch (IOException e) {
                throw SecretProviders.unreadable(name, provider.describe(name), e);
            }
            if (value.isPresent()) {
                return Optional.of(Secret.of(name, value.get()));
            }
        }
        return Optional.empty();
    }
}
