package dev.rivulet.secrets.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rivulet.secret.SecretProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Secrets kept in AWS Secrets Manager. With this module on the class path (or module path), {@link
 * dev.rivulet.secret.Secrets#defaults()} asks it after the environment, system properties, the
 * secrets directory and the secrets file; {@link #using(SecretsManagerClient)} puts it in a chain
 * of your own with a client you configured.
 *
 * <p>Secret {@code DB_PASS} is the Secrets Manager secret whose id (name or ARN) is {@code DB_PASS},
 * prefixed by {@code RIVULET_AWS_SECRETS_PREFIX} when that environment variable is set ({@code
 * prod/etl/} makes it {@code prod/etl/DB_PASS}). A secret that holds JSON key/value pairs, as the
 * console's database secrets do, gives one value by {@code id#key}: {@code prod/reports-db#password}.
 * A binary secret is read as UTF-8.
 *
 * <p>The default client is made the first time a secret is asked for, with the AWS SDK's default
 * region and credentials chains (environment, profile, container or instance role) and the SDK's
 * retries, and is kept for the JVM's life. A secret that does not exist is "not found here", so
 * the chain goes on; any other failure (no region, no credentials, access denied, the service
 * unreachable) is an {@link IOException} naming the secret id and the cause, never a value.
 */
public final class SecretsManagerProvider implements SecretProvider {

    /** The environment variable whose value prefixes every secret id. */
    public static final String PREFIX_VARIABLE = "RIVULET_AWS_SECRETS_PREFIX";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<SecretsManagerClient> client;
    private final String prefix;

    /** The provider {@link java.util.ServiceLoader} makes: the default client, the prefix from {@value #PREFIX_VARIABLE}. */
    public SecretsManagerProvider() {
        this(DefaultClient::get, Objects.requireNonNullElse(System.getenv(PREFIX_VARIABLE), ""));
    }

    private SecretsManagerProvider(Supplier<SecretsManagerClient> client, String prefix) {
        this.client = client;
        this.prefix = prefix;
    }

    /**
     * A provider that reads through {@code client}, which stays yours to close.
     *
     * @param client a configured client: region, credentials, endpoint
     * @return the provider, without a prefix
     */
    public static SecretsManagerProvider using(SecretsManagerClient client) {
        Objects.requireNonNull(client, "client");
        return new SecretsManagerProvider(() -> client, "");
    }

    /**
     * This provider with {@code prefix} before every secret id.
     *
     * @param prefix such as {@code prod/etl/}; empty for none
     * @return a new provider
     */
    public SecretsManagerProvider withPrefix(String prefix) {
        return new SecretsManagerProvider(client, Objects.requireNonNull(prefix, "prefix"));
    }

    @Override
    public Optional<String> find(String name) throws IOException {
        int hash = name.indexOf('#');
        String id = prefix + (hash < 0 ? name : name.substring(0, hash));
        GetSecretValueResponse response;
        try {
            response = client.get().getSecretValue(request -> request.secretId(id));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new IOException("AWS Secrets Manager did not give secret " + id + ": " + e.getMessage(), e);
        }
        String value = response.secretString() != null ? response.secretString()
                : response.secretBinary() != null ? response.secretBinary().asString(StandardCharsets.UTF_8) : null;
        if (value == null) {
            return Optional.empty();
        }
        return hash < 0 ? Optional.of(value) : field(value, id, name.substring(hash + 1));
    }

    /** The field {@code key} of the JSON object {@code value}; messages name the secret and key, never the value. */
    private static Optional<String> field(String value, String id, String key) throws IOException {
        JsonNode object;
        try {
            object = JSON.readTree(value);
        } catch (IOException e) {
            // without the parser's message, which may quote the value
            throw new IOException("AWS Secrets Manager secret " + id + " is not JSON, so it has no key " + key
                    + "; ask for " + id + " without #" + key);
        }
        if (object == null || !object.isObject()) {
            throw new IOException("AWS Secrets Manager secret " + id + " is not a JSON object, so it has no key " + key);
        }
        JsonNode field = object.get(key);
        if (field == null || field.isNull()) {
            return Optional.empty();
        }
        return Optional.of(field.isValueNode() ? field.asText() : field.toString());
    }

    @Override
    public String describe(String name) {
        int hash = name.indexOf('#');
        return hash < 0 ? "AWS Secrets Manager secret " + prefix + name
                : "key " + name.substring(hash + 1) + " of AWS Secrets Manager secret " + prefix + name.substring(0, hash);
    }

    /** The client of the default provider: made once, when first needed, from the SDK's default chains. */
    private static final class DefaultClient {
        private static volatile SecretsManagerClient client;

        static SecretsManagerClient get() {
            SecretsManagerClient made = client;
            if (made == null) {
                synchronized (DefaultClient.class) {
                    made = client;
                    if (made == null) {
                        made = SecretsManagerClient.builder().httpClientBuilder(Apache5HttpClient.builder()).build();
                        client = made;
                    }
                }
            }
            return made;
        }
    }
}
