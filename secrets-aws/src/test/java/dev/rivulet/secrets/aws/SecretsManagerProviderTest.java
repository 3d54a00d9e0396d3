package dev.rivulet.secrets.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rivulet.secret.MissingSecretException;
import dev.rivulet.secret.SecretProvider;
import dev.rivulet.secret.SecretProviders;
import dev.rivulet.secret.Secrets;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The provider against a loopback server that speaks Secrets Manager's protocol for GetSecretValue
 * (JSON 1.1 over HTTP POST, the operation in {@code X-Amz-Target}, errors by {@code __type}), with
 * the AWS SDK's own client on the other side.
 */
class SecretsManagerProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "pw-3b9e2f-never-logged";

    /** Secret strings by id; a value starting with "binary:" is served as SecretBinary. */
    private static final Map<String, String> SECRETS = new ConcurrentHashMap<>(Map.of(
            "DB_PASS", PASSWORD,
            "prod/etl/DB_HOST", "db.internal",
            "prod/reports-db", "{\"username\":\"reader\",\"password\":\"" + PASSWORD + "\",\"port\":3306}",
            "TOKEN_BYTES", "binary:token-from-bytes",
            "not-json", "plain " + PASSWORD));
    private static final List<String> REQUESTS = new CopyOnWriteArrayList<>();

    private static HttpServer server;
    private static SecretsManagerClient client;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", SecretsManagerProviderTest::answer);
        server.start();
        client = SecretsManagerClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret")))
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.stop(0);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            REQUESTS.add(target + " " + body);
            if (!"POST".equals(exchange.getRequestMethod()) || !"secretsmanager.GetSecretValue".equals(target)
                    || contentType == null || !contentType.startsWith("application/x-amz-json-1.1")
                    || exchange.getRequestHeaders().getFirst("Authorization") == null) {
                reply(exchange, 400, error("ValidationException", "unexpected request " + exchange.getRequestMethod() + " " + target
                        + " " + contentType));
                return;
            }
            String id = body.path("SecretId").asText();
            if (id.startsWith("forbidden/")) {
                reply(exchange, 400, error("AccessDeniedException", "User is not authorized to perform GetSecretValue on " + id));
                return;
            }
            String value = SECRETS.get(id);
            if (value == null) {
                reply(exchange, 400, error("ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
                return;
            }
            ObjectNode response = JSON.createObjectNode().put("ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + id + "-AbCdEf")
                    .put("Name", id).put("VersionId", "v1").put("CreatedDate", 1.69e9);
            response.putArray("VersionStages").add("AWSCURRENT");
            if (value.startsWith("binary:")) {
                response.put("SecretBinary", Base64.getEncoder().encodeToString(value.substring(7).getBytes(StandardCharsets.UTF_8)));
            } else {
                response.put("SecretString", value);
            }
            reply(exchange, 200, response);
        }
    }

    private static ObjectNode error(String type, String message) {
        return JSON.createObjectNode().put("__type", type).put("message", message);
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        if (status != 200) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", body.path("__type").asText());
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void readsSecretsByIdPrefixAndJsonKey() throws IOException {
        SecretsManagerProvider provider = SecretsManagerProvider.using(client);

        assertThat(provider.find("DB_PASS")).contains(PASSWORD);
        assertThat(provider.withPrefix("prod/etl/").find("DB_HOST")).contains("db.internal");
        assertThat(provider.find("prod/reports-db#password")).contains(PASSWORD);
        assertThat(provider.find("prod/reports-db#port")).contains("3306");
        assertThat(provider.find("prod/reports-db#missing")).isEmpty();
        assertThat(provider.find("TOKEN_BYTES")).contains("token-from-bytes");
        assertThat(REQUESTS).contains("secretsmanager.GetSecretValue {\"SecretId\":\"prod/etl/DB_HOST\"}");
    }

    @Test
    void aSecretThatDoesNotExistLetsTheChainGoOn() {
        Secrets secrets = Secrets.of(SecretProviders.environment(Map.of()), SecretsManagerProvider.using(client));

        assertThat(secrets.get("DB_PASS").reveal()).isEqualTo(PASSWORD);
        assertThatThrownBy(() -> secrets.get("NOPE")).isInstanceOf(MissingSecretException.class)
                .hasMessageContaining("environment variable NOPE, AWS Secrets Manager secret NOPE");
    }

    @Test
    void failuresNameTheSecretAndTheCauseButNoValue() {
        Secrets secrets = Secrets.of(SecretsManagerProvider.using(client));

        assertThatThrownBy(() -> secrets.get("forbidden/DB_PASS")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("forbidden/DB_PASS").hasMessageContaining("not authorized");
        assertThatThrownBy(() -> secrets.get("not-json#password")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("not-json is not JSON, so it has no key password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    }

    @Test
    void theServiceLoaderFindsIt() {
        assertThat(ServiceLoader.load(SecretProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(SecretsManagerProvider.class);
        assertThat(Secrets.defaults().providers().getLast()).isInstanceOf(SecretsManagerProvider.class);
        assertThat(new SecretsManagerProvider().describe("prod/db#password")).isEqualTo("key password of AWS Secrets Manager secret prod/db");
    }
}
