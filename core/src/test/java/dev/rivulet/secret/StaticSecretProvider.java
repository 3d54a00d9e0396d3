package dev.rivulet.secret;

import java.util.Optional;

/** A provider registered in the test resources' META-INF/services, to show the service loader's providers join the default chain. */
public final class StaticSecretProvider implements SecretProvider {

    static final String NAME = "RIVULET_TEST_LOADED_SECRET";
    static final String VALUE = "from-the-service-loader";

    @Override
    public Optional<String> find(String name) {
        return NAME.equals(name) ? Optional.of(VALUE) : Optional.empty();
    }

    @Override
    public String describe(String name) {
        return "the test provider's " + name;
    }
}
