package dev.rivulet.secret;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The built-in places secrets are found. Each looks a secret up by its name as given ({@code
 * DB_PASS}), unchanged: no prefix, no change of case.
 */
public final class SecretProviders {

    private SecretProviders() {}

    /**
     * Environment variables: secret {@code DB_PASS} is the variable {@code DB_PASS}.
     *
     * @return the provider
     */
    public static SecretProvider environment() {
        return new Lookup("environment variable", System::getenv);
    }

    /**
     * The variables of {@code environment} instead of the process's: for a launcher that passes
     * a child's environment along, and for tests.
     *
     * @param environment variables by name
     * @return the provider
     */
    public static SecretProvider environment(Map<String, String> environment) {
        Map<String, String> copy = Map.copyOf(environment);
        return new Lookup("environment variable", copy::get);
    }

    /**
     * System properties: secret {@code DB_PASS} is {@code -DDB_PASS=...}. Other code of the JVM can
     * read system properties; prefer the environment or files where that matters.
     *
     * @return the provider
     */
    public static SecretProvider systemProperties() {
        return new Lookup("system property", System::getProperty);
    }

    /**
     * A directory holding one file a secret, as Docker ({@code /run/secrets}) and Kubernetes (a
     * mounted Secret volume) provide them: secret {@code DB_PASS} is the file {@code
     * directory/DB_PASS}, read as UTF-8, one line break at its end left out. A missing directory
     * holds no secrets.
     *
     * @param directory the directory
     * @return the provider
     */
    public static SecretProvider directory(Path directory) {
        return new Directory(Objects.requireNonNull(directory, "directory"));
    }

    /**
     * A {@link Properties} file ({@code DB_PASS=...}, ISO-8859-1 with {@code \}{@code uXXXX} escapes
     * as {@link Properties#load(InputStream)} reads), read again at every lookup, so an edited file
     * is seen without a restart. A missing file holds no secrets. Keep it readable by its owner only.
     *
     * @param file the file
     * @return the provider
     */
    public static SecretProvider propertiesFile(Path file) {
        return new PropertiesFile(Objects.requireNonNull(file, "file"));
    }

    /** A provider that looks names up in a function that gives null for a missing one. */
    private record Lookup(String kind, UnaryOperator<String> values) implements SecretProvider {
        @Override
        public Optional<String> find(String name) {
            return Optional.ofNullable(values.apply(name));
        }

        @Override
        public String describe(String name) {
            return kind + " " + name;
        }
    }

    private record Directory(Path directory) implements SecretProvider {
        @Override
        public Optional<String> find(String name) throws IOException {
            Path file = fileOf(name);
            try {
                return Optional.of(withoutFinalLineBreak(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
        }

        private Path fileOf(String name) {
            if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("secret name \"" + name + "\" is not a file name, so no file of " + directory
                        + " can hold it; name secrets without / \\ or dots alone");
            }
            return directory.resolve(name);
        }

        private static String withoutFinalLineBreak(String value) {
            if (value.endsWith("\r\n")) {
                return value.substring(0, value.length() - 2);
            }
            return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
        }

        @Override
        public String describe(String name) {
            return "file " + directory.resolve(name);
        }
    }

    private record PropertiesFile(Path file) implements SecretProvider {
        @Override
        public Optional<String> find(String name) throws IOException {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IllegalArgumentException e) {
                // a malformed \\u escape; the message quotes no value
                throw new IOException("cannot read the secrets file " + file + ": " + e.getMessage(), e);
            }
            return Optional.ofNullable(properties.getProperty(name));
        }

        @Override
        public String describe(String name) {
            return "key " + name + " of " + file;
        }
    }

    /** Wraps a provider's failure to read a secret; the message names the secret and the place, never a value. */
    static UncheckedIOException unreadable(String name, String place, IOException cause) {
        return new UncheckedIOException("secret " + name + " could not be read from " + place + ": " + cause.getMessage(), cause);
    }
}
