package dev.rivulet.jdbc.testing.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivulet.jdbc.testing.MariaDbTestServerExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The example in {@link MariaDbTestServerExtension}'s javadoc, itself a test class. */
class MariaDbTestServerExtensionSnippetsTest {

    // @start region=test
    @RegisterExtension
    static final MariaDbTestServerExtension mariadb = new MariaDbTestServerExtension();

    @Test
    void answers() throws Exception {
        try (Connection connection = mariadb.server().connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT 6 * 7")) {
            rows.next();
            assertEquals(42, rows.getInt(1));
        }
    }
    // @end
}
