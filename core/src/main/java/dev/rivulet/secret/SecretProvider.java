package dev.rivulet.secret;

import java.io.IOException;
import java.util.Optional;

/**
 * One place secrets are found: the environment, system properties, a directory of files, a
 * properties file, a secrets manager. {@link Secrets} asks its providers in order; a provider that
 * has no secret of a name returns empty, and one that cannot be reached throws.
 *
 * <p>Providers that {@link Secrets#defaults()} should also ask, such as a cloud secrets manager,
 * are found with {@link java.util.ServiceLoader} (on the module path: {@code provides
 * dev.rivulet.secret.SecretProvider with ...}); they are asked after the built-in ones.
 */
public interface SecretProvider {

    /**
     * The value of the secret named {@code name}, if this provider has one.
     *
     * @param name the secret's name, as the flow asks for it: {@code DB_PASS}
     * @return the value, or empty if this provider has no such secret
     * @throws IOException if the provider has the secret but it cannot be read, or the provider
     *     cannot be reached; the message must not contain the value
     */
    Optional<String> find(String name) throws IOException;

    /**
     * Where this provider looks for {@code name}, for the message that lists the places tried when
     * a secret is missing: {@code environment variable DB_PASS}.
     *
     * @param name the secret's name
     * @return the place, in a few words
     */
    String describe(String name);
}
