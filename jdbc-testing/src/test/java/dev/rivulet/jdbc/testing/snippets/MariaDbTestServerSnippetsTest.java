package dev.rivulet.jdbc.testing.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivulet.jdbc.testing.MariaDbTestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The example in {@link MariaDbTestServer}'s javadoc. */
class MariaDbTestServerSnippetsTest {

    @Test
    void server() throws Exception {
        MariaDbTestServer.assumeInstalled("the example of MariaDbTestServer");
        // @start region=server
        try (MariaDbTestServer server = MariaDbTestServer.start();
                Connection connection = server.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            statement.execute("INSERT INTO t VALUES (1), (2)");
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM t")) {
                rows.next();
                assertEquals(2, rows.getInt(1));
            }
        }
        // @end
    }
}
