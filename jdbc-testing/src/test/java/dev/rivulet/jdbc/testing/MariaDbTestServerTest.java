package dev.rivulet.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class MariaDbTestServerTest {

    @Test
    void servesUtf8mb4OnLoopbackAndLeavesNothingBehind() throws Exception {
        Path directory;
        String url;
        MariaDbTestServer.assumeInstalled("MariaDbTestServerTest");
        try (MariaDbTestServer server = MariaDbTestServer.start()) {
            url = server.jdbcUrl();
            assertThat(url).startsWith("jdbc:mariadb://127.0.0.1:" + server.port() + "/test");
            try (Connection connection = server.dataSource("useCursorFetch=true").getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE t (s VARCHAR(10))");
                statement.execute("INSERT INTO t VALUES ('a\uD83D\uDE00')");
                try (ResultSet rows = statement.executeQuery("SELECT s, @@datadir FROM t")) {
                    rows.next();
                    assertThat(rows.getString(1)).isEqualTo("a\uD83D\uDE00");
                    directory = Path.of(rows.getString(2)).getParent();
                }
            }
            assertThat(directory).exists();
        }
        assertThat(directory).doesNotExist();
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, MariaDbTestServer.USER, "").close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void accountsMadeForATestNeedTheirPassword() throws Exception {
        MariaDbTestServer.assumeInstalled("MariaDbTestServerTest");
        try (MariaDbTestServer server = MariaDbTestServer.start()) {
            String url = server.createUser("etl", "s3cret-Pw");
            try (Connection connection = java.sql.DriverManager.getConnection(url, "etl", "s3cret-Pw");
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT CURRENT_USER()")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("etl@127.0.0.1");
            }
            assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, "etl", "wrong").close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Access denied");
            assertThatThrownBy(() -> server.createUser("x'y", "p")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void missingBinariesAreNamedWithTheFix() throws IOException {
        Path empty = Files.createTempDirectory("no-mariadb-");
        String before = System.getProperty(MariaDbTestServer.BINARIES_PROPERTY);
        System.setProperty(MariaDbTestServer.BINARIES_PROPERTY, empty.toString());
        try {
            assertThatThrownBy(MariaDbTestServer::start)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("mariadb-install-db is not installed")
                    .hasMessageContaining("apt-get install mariadb-server");
        } finally {
            if (before == null) {
                System.clearProperty(MariaDbTestServer.BINARIES_PROPERTY);
            } else {
                System.setProperty(MariaDbTestServer.BINARIES_PROPERTY, before);
            }
            Files.delete(empty);
        }
    }
}
