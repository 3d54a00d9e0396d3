package dev.rivulet.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.secret.Secret;
import dev.rivulet.secret.SecretProviders;
import dev.rivulet.secret.Secrets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The examples in the javadoc of {@link Secret} and {@link Secrets}. */
class SecretSnippetsTest {

    private static final Logger log = LoggerFactory.getLogger(SecretSnippetsTest.class);

    // @start region=use
    static Properties connectionProperties(Secrets secrets) {
        Secret password = secrets.get("DB_PASS");
        log.info("connecting with {}", password); // logs "connecting with Secret[DB_PASS]"
        Properties properties = new Properties(); // for DriverManager.getConnection(url, properties)
        properties.setProperty("user", "reader");
        properties.setProperty("password", password.reveal());
        return properties;
    }
    // @end

    @Test
    void theValueGoesWhereItIsUsedAndTheNameEverywhereElse() {
        Secrets secrets = Secrets.of(SecretProviders.environment(Map.of("DB_PASS", "p-0123")));

        Properties properties = connectionProperties(secrets);

        assertEquals("p-0123", properties.getProperty("password"));
        assertEquals("Secret[DB_PASS]", secrets.get("DB_PASS").toString());
    }

    @Test
    void chains() {
        // @start region=chain
        Secrets secrets = Secrets.defaults(); // environment, system properties, /run/secrets, ~/.rivulet/secrets.properties, ...
        Optional<Secret> token = secrets.find("RIVULET_EXAMPLE_TOKEN");

        Secrets forTests = Secrets.of(SecretProviders.environment(Map.of("DB_HOST", "127.0.0.1")));
        Secret host = forTests.get("DB_HOST"); // MissingSecretException names every place tried
        // @end
        assertTrue(token.isEmpty());
        assertEquals("127.0.0.1", host.reveal());
    }
}
