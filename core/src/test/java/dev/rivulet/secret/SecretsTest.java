package dev.rivulet.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.result.SerializationException;
import dev.rivulet.result.Serializers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    private static final String VALUE = "pw-5f0d3c1e-never-shown";

    @TempDir
    Path dir;

    @Test
    void aSecretShowsItsNameNeverItsValue() {
        Secret secret = Secret.of("DB_PASS", VALUE);

        assertEquals("Secret[DB_PASS]", secret.toString());
        assertEquals("DB_PASS", secret.name());
        assertEquals(VALUE, secret.reveal());
        assertEquals("DB_PASS".hashCode(), secret.hashCode(), "the name's hash, which tells nothing of the value");
        assertEquals(Secret.of("DB_PASS", VALUE), secret);
        assertEquals(Secret.of("DB_PASS", VALUE).hashCode(), secret.hashCode());
        assertNotEquals(Secret.of("DB_PASS", VALUE + "x"), secret);
        assertNotEquals(Secret.of("OTHER", VALUE), secret);
        assertThrows(IllegalArgumentException.class, () -> Secret.of(" ", VALUE));
        assertThrows(NullPointerException.class, () -> Secret.of("DB_PASS", null));
    }

    @Test
    void theFirstProviderThatHasASecretGivesIt() {
        Secrets secrets = Secrets.of(SecretProviders.environment(Map.of("DB_HOST", "env-host")),
                SecretProviders.environment(Map.of("DB_HOST", "later-host", "DB_USER", "later-user")));

        assertEquals("env-host", secrets.get("DB_HOST").reveal());
        assertEquals("later-user", secrets.get("DB_USER").reveal());
        assertEquals(Optional.empty(), secrets.find("DB_NAME"));
    }

    @Test
    void systemPropertiesAreLookedUpByTheNameAsGiven() {
        String name = "RIVULET_TEST_SECRET_" + System.nanoTime();
        System.setProperty(name, VALUE);
        try {
            assertEquals(VALUE, Secrets.of(SecretProviders.systemProperties()).get(name).reveal());
        } finally {
            System.clearProperty(name);
        }
    }

    @Test
    void aDirectoryHoldsOneFileASecretWithoutItsFinalLineBreak() throws IOException {
        Files.writeString(dir.resolve("DB_PASS"), VALUE + "\n");
        Files.writeString(dir.resolve("DB_USER"), "reader\r\n");
        Files.writeString(dir.resolve("MULTI"), "line one\nline two\n\n");
        Secrets secrets = Secrets.of(SecretProviders.directory(dir));

        assertEquals(VALUE, secrets.get("DB_PASS").reveal());
        assertEquals("reader", secrets.get("DB_USER").reveal());
        assertEquals("line one\nline two\n", secrets.get("MULTI").reveal(), "only one final line break is left out");
        assertEquals(Optional.empty(), secrets.find("MISSING"));
        assertEquals(Optional.empty(), Secrets.of(SecretProviders.directory(dir.resolve("absent"))).find("DB_PASS"));
        IllegalArgumentException escape = assertThrows(IllegalArgumentException.class, () -> secrets.find("../etc/passwd"));
        assertTrue(escape.getMessage().contains("not a file name"), escape.getMessage());
    }

    @Test
    void aPropertiesFileIsReadAtEveryLookup() throws IOException {
        Path file = dir.resolve("secrets.properties");
        Secrets secrets = Secrets.of(SecretProviders.propertiesFile(file));
        assertEquals(Optional.empty(), secrets.find("DB_PASS"), "a missing file holds no secrets");

        Files.writeString(file, "DB_PASS=" + VALUE + "\n# a comment\nDB_HOST = db.internal\n", StandardCharsets.ISO_8859_1);
        assertEquals(VALUE, secrets.get("DB_PASS").reveal());
        assertEquals("db.internal", secrets.get("DB_HOST").reveal());

        Files.writeString(file, "DB_PASS=rotated\n");
        assertEquals("rotated", secrets.get("DB_PASS").reveal());
    }

    @Test
    void anUnreadableSourceFailsNamingTheSecretAndThePlaceButNotTheValue() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.properties"), "DB_PASS=" + VALUE + "\\u00zz\n");
        Secrets secrets = Secrets.of(SecretProviders.propertiesFile(file));

        UncheckedIOException failure = assertThrows(UncheckedIOException.class, () -> secrets.get("DB_PASS"));

        assertTrue(failure.getMessage().contains("DB_PASS") && failure.getMessage().contains(file.toString()), failure.getMessage());
        assertFalse(failure.getMessage().contains(VALUE), failure.getMessage());
    }

    @Test
    void aMissingSecretNamesItselfAndEveryPlaceTried() {
        Secrets secrets = Secrets.of(SecretProviders.environment(Map.of()), SecretProviders.systemProperties(),
                SecretProviders.directory(dir), SecretProviders.propertiesFile(dir.resolve("s.properties")));

        MissingSecretException missing = assertThrows(MissingSecretException.class, () -> secrets.get("DB_NAME"));

        assertEquals("DB_NAME", missing.secretName());
        assertEquals(List.of("environment variable DB_NAME", "system property DB_NAME", "file " + dir.resolve("DB_NAME"),
                "key DB_NAME of " + dir.resolve("s.properties")), missing.placesTried());
        assertTrue(missing.getMessage().startsWith("secret DB_NAME was not found; looked in: environment variable DB_NAME, "),
                missing.getMessage());
    }

    @Test
    void theDefaultChainEndsWithTheProvidersOfTheServiceLoader() {
        List<SecretProvider> providers = Secrets.defaults().providers();

        assertEquals(5, providers.size(), "environment, system properties, a directory, a properties file, then the loaded ones");
        assertTrue(providers.getLast() instanceof StaticSecretProvider);
        assertEquals(StaticSecretProvider.VALUE, Secrets.defaults().get(StaticSecretProvider.NAME).reveal());
        assertTrue(providers.get(2).describe("X").endsWith("X"));
    }

    @Test
    void noSerializerWritesASecretAndTheirMessagesNameItWithoutItsValue() {
        record Connection(String host, Secret password) implements java.io.Serializable {}
        Connection connection = new Connection("db.internal", Secret.of("DB_PASS", VALUE));

        for (String serializer : List.of("json", "java")) {
            for (Object value : List.of(connection, connection.password())) {
                SerializationException refused = assertThrows(SerializationException.class,
                        () -> Serializers.named(serializer).write(value, value.getClass(), new ByteArrayOutputStream()));
                assertTrue(refused.getMessage().contains("return what the task derived from the secret"), refused.getMessage());
                assertTrue(refused.getMessage().contains(value.getClass().getName()), refused.getMessage());
                assertFalse(refused.getMessage().contains(VALUE), refused.getMessage());
            }
        }
        SerializationException json = assertThrows(SerializationException.class,
                () -> Serializers.named("json").write(connection, Connection.class, new ByteArrayOutputStream()));
        assertTrue(json.getMessage().contains("holds secret DB_PASS"), json.getMessage());
    }
}
