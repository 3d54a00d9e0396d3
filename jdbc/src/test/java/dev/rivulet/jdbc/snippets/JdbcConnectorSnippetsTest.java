package dev.rivulet.jdbc.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.jdbc.JdbcConnector;
import dev.rivulet.jdbc.JdbcTables;
import dev.rivulet.jdbc.testing.MariaDbTestServerExtension;
import dev.rivulet.secret.Secret;
import dev.rivulet.secret.SecretProviders;
import dev.rivulet.secret.Secrets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The example in {@link JdbcConnector}'s javadoc. */
class JdbcConnectorSnippetsTest {

    @RegisterExtension
    static final MariaDbTestServerExtension mariadb = new MariaDbTestServerExtension();

    @Test
    void connector() throws Exception {
        String url = mariadb.server().createUser("reports", "s3cr3t");
        Secrets secrets = Secrets.of(SecretProviders.environment(Map.of("DB_PASS", "s3cr3t")));
        // @start region=connector
        Secret password = secrets.get("DB_PASS");
        JdbcConnector database = JdbcConnector.builder(url)   // jdbc:mariadb://db.example.com:3306/shop
                .user("reports")
                .password(password)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot one = JdbcTables.readAll(database, "SELECT 1 AS one", List.of(), allocator)) {
            // @end
            assertThat(one.getRowCount()).isEqualTo(1);
        }
    }
}
