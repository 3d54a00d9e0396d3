package dev.rivulet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.jdbc.testing.MariaDbTestServerExtension;
import dev.rivulet.secret.Secret;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcConnectorTest {

    @RegisterExtension
    static final MariaDbTestServerExtension mariadb = new MariaDbTestServerExtension();

    private static final String PASSWORD = "pw-7f3c9e1b-unique";
    private static String url;

    @BeforeAll
    static void account() throws SQLException {
        url = mariadb.server().createUser("etl", PASSWORD);
    }

    @Test
    void connectsAsItsUserWithThePassword() throws SQLException {
        JdbcConnector connector = JdbcConnector.builder(url).user("etl").password(Secret.of("DB_PASS", PASSWORD)).build();
        try (Connection connection = connector.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT CURRENT_USER()")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("etl@127.0.0.1");
        }
        assertThat(connector.toString()).isEqualTo("JdbcConnector[" + url + " as etl]");
    }

    @Test
    void aWrongPasswordSaysSoWithoutShowingIt() {
        String wrong = "wrong-" + PASSWORD;
        JdbcConnector connector = JdbcConnector.builder(url).user("etl").password(Secret.of("DB_PASS", wrong)).build();
        assertThatThrownBy(connector::getConnection)
                .isInstanceOf(SQLInvalidAuthorizationSpecException.class)
                .hasMessageStartingWith("cannot connect to " + url + " as 'etl': the server refused the user name or password")
                .hasMessageContaining("check both");
        assertThat(everythingPrinted(connector)).doesNotContain(wrong).doesNotContain(PASSWORD);
    }

    @Test
    void aClosedPortIsNamedWithWhatToCheck() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String closed = "jdbc:mariadb://127.0.0.1:" + port + "/shop";
        JdbcConnector connector = JdbcConnector.builder(closed).user("etl").password(Secret.of("DB_PASS", PASSWORD)).build();
        long start = System.nanoTime();
        assertThatThrownBy(connector::getConnection)
                .isInstanceOf(SQLNonTransientConnectionException.class)
                .hasMessageStartingWith("cannot connect to " + closed + " as 'etl': nothing accepts connections at that host and port")
                .hasMessageContaining("check the host, the port and that the server is running");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(JdbcConnector.DEFAULT_CONNECT_TIMEOUT_SECONDS));
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());   // and never a byte back
                    }
                } catch (IOException closed) {
                    // The test is over.
                }
            });
            String silentUrl = "jdbc:mariadb://127.0.0.1:" + silent.getLocalPort() + "/shop";
            JdbcConnector connector = JdbcConnector.builder(silentUrl).user("etl").password(Secret.of("DB_PASS", PASSWORD))
                    .connectTimeout(Duration.ofMillis(800)).build();
            long start = System.nanoTime();
            assertThatThrownBy(connector::getConnection)
                    .isInstanceOf(SQLTimeoutException.class)
                    .hasMessageStartingWith("cannot connect to " + silentUrl + " as 'etl': no answer within 800 ms")
                    .hasMessageContaining("allow longer with connectTimeout");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isBetween(Duration.ofMillis(700), Duration.ofSeconds(5));
            silent.close();
            acceptor.join();
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void theDefaultTimeoutIsTenSeconds() {
        JdbcConnector connector = JdbcConnector.builder(url).build();
        assertThat(connector.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(connector.getLoginTimeout()).isEqualTo(10);
        assertThatThrownBy(() -> JdbcConnector.builder(url).connectTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownHostIsNamed() {
        String unknown = "jdbc:mariadb://no-such-host.invalid:3306/shop";
        assertThatThrownBy(JdbcConnector.builder(unknown).user("etl").build()::getConnection)
                .isInstanceOf(SQLException.class)
                .hasMessageStartingWith("cannot connect to " + unknown + " as 'etl': ")
                .hasMessageContaining("no-such-host.invalid");
    }

    @Test
    void aUrlNoDriverTakesAsksForTheDriver() {
        assertThatThrownBy(JdbcConnector.builder("jdbc:nosuchdb://db/shop").build()::getConnection)
                .isInstanceOf(SQLNonTransientConnectionException.class)
                .hasMessage("cannot connect to jdbc:nosuchdb://db/shop: no JDBC driver on the class path takes this URL; add the database's "
                        + "driver (MariaDB and MySQL: org.mariadb.jdbc:mariadb-java-client)");
        assertThatThrownBy(() -> JdbcConnector.builder("mariadb://db/shop")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starts with jdbc:");
    }

    @Test
    void messagesLeaveOutTheQueryAndCredentialsOfTheUrl() {
        String withSecrets = "jdbc:nosuchdb://etl:" + PASSWORD + "@db:5432/shop?password=" + PASSWORD + "&ssl=true";
        JdbcConnector connector = JdbcConnector.builder(withSecrets).user("etl").build();
        assertThat(connector.url()).isEqualTo("jdbc:nosuchdb://db:5432/shop");
        assertThat(connector.toString()).doesNotContain(PASSWORD);
        assertThat(everythingPrinted(connector)).doesNotContain(PASSWORD).contains("jdbc:nosuchdb://db:5432/shop");
    }

    /** The failure of connecting, as a stack trace prints it: every message and cause. */
    private static String everythingPrinted(JdbcConnector connector) {
        try (Connection ignored = connector.getConnection()) {
            throw new AssertionError("connected");
        } catch (SQLException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return trace.toString();
        }
    }
}
