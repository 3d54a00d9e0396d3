package dev.rivulet.jdbc;

import dev.rivulet.secret.Secret;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} of a JDBC URL, a user and a password kept as a {@link Secret}: each
 * {@link #getConnection()} opens a new connection through the driver on the class path, within a
 * connect timeout, and a connection that cannot be made fails with a message that says why and
 * what to check, never the password.
 *
 * {@snippet file="dev/rivulet/jdbc/snippets/JdbcConnectorSnippetsTest.java" region="connector"}
 *
 * <p>The connect timeout ({@value #DEFAULT_CONNECT_TIMEOUT_SECONDS} s unless set) bounds the whole
 * attempt, from the first packet to a logged-in session: a host that drops packets, or a server that
 * accepts the connection and never answers, fails after it with an {@link SQLTimeoutException}.
 * MariaDB's and MySQL's drivers are also given it as their {@code connectTimeout}, so their own
 * socket gives up at the same moment; with other drivers an attempt that outlives the timeout is
 * left to end by itself, and a connection it makes after all is closed.
 *
 * <p>Failures are {@link SQLException}s whose message starts with the URL (without its query,
 * where drivers take options that may hold credentials) and the user:
 * <ul>
 *   <li>{@link SQLInvalidAuthorizationSpecException}: the server refused the user or password;
 *   <li>{@link SQLNonTransientConnectionException}: nothing listens at the host and port, the host
 *       name is unknown, or no driver on the class path takes the URL;
 *   <li>{@link SQLTimeoutException}: no answer within the connect timeout;
 *   <li>otherwise what the driver said, with the same prefix.
 * </ul>
 * A driver message that holds the password, or the URL with the query or credentials that
 * {@link #url()} leaves out, is left out, and so is the exception it came with.
 *
 * <p>There is no pool: a connection is opened for each call, which is what a task that runs one
 * long query wants. Give {@link JdbcTables} a pool's {@code DataSource} for many short queries.
 */
public final class JdbcConnector implements DataSource {

    /** The connect timeout unless set: {@value} seconds. */
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

    private final String url;
    private final String user;
    private final Secret password;
    private final Duration connectTimeout;
    private final Map<String, String> properties;

    private JdbcConnector(Builder builder) {
        this.url = builder.url;
        this.user = builder.user;
        this.password = builder.password;
        this.connectTimeout = builder.connectTimeout;
        this.properties = Map.copyOf(builder.properties);
    }

    /**
     * A builder of a connector to {@code url}.
     *
     * @param url the JDBC URL, such as {@code jdbc:mariadb://db.example.com:3306/shop}; keep the
     *     password out of it, in {@link Builder#password}
     * @return a builder with no user, no password and the default connect timeout
     * @throws IllegalArgumentException if {@code url} does not start with {@code jdbc:}
     */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** {@return the URL without its query, as messages show it: {@code jdbc:mariadb://db:3306/shop}} */
    public String url() {
        return withoutQuery(url);
    }

    /** {@return the user name, empty if none was set} */
    public String user() {
        return user == null ? "" : user;
    }

    /** {@return how long an attempt to connect may take} */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Opens a connection as the connector's user, within its connect timeout.
     *
     * @return a new connection, the caller's to close
     * @throws SQLException if no connection can be made; the message names the URL and user, says
     *     why and what to check, and never holds the password
     */
    @Override
    public Connection getConnection() throws SQLException {
        Properties info = new Properties();
        properties.forEach(info::setProperty);
        if (user != null) {
            info.setProperty("user", user);
        }
        if (password != null) {
            info.setProperty("password", password.reveal());
        }
        if (isMysqlFamily()) {
            info.putIfAbsent("connectTimeout", Long.toString(connectTimeout.toMillis()));
        }
        CompletableFuture<Connection> attempt = new CompletableFuture<>();
        Thread.ofVirtual().name("jdbc-connect " + url()).start(() -> {
            try {
                attempt.complete(DriverManager.getConnection(url, info));
            } catch (Throwable t) {
                attempt.completeExceptionally(t);
            }
        });
        try {
            return attempt.get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            attempt.thenAccept(JdbcConnector::closeQuietly);
            throw new SQLTimeoutException(prefix() + "no answer within " + seconds(connectTimeout)
                    + "; check that the host and port are right and reachable from here (a firewall that drops packets looks like this), "
                    + "or allow longer with connectTimeout");
        } catch (InterruptedException e) {
            attempt.thenAccept(JdbcConnector::closeQuietly);
            Thread.currentThread().interrupt();
            throw new SQLNonTransientConnectionException(prefix() + "interrupted while connecting", "08000", e);
        } catch (ExecutionException e) {
            throw explain(e.getCause());
        }
    }

    /**
     * Not supported: the connector's user and password are fixed. Build another connector.
     *
     * @throws SQLFeatureNotSupportedException always
     */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("a JdbcConnector connects as the user it was built with; build another for '" + username + "'");
    }

    private boolean isMysqlFamily() {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:");
    }

    /** What a failed attempt threw, as an exception that says why and what to check. */
    private SQLException explain(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (!(failure instanceof SQLException driver)) {
            return new SQLNonTransientConnectionException(prefix() + failure, "08000", failure);
        }
        String state = Objects.requireNonNullElse(driver.getSQLState(), "");
        boolean leaks = mentionsCredentials(driver);
        Throwable cause = leaks ? null : driver;
        String said = leaks ? "the driver's message is left out, as it holds the password or the URL's options" : driver.getMessage();
        if (state.startsWith("28") || driver.getErrorCode() == MYSQL_ACCESS_DENIED || driver instanceof SQLInvalidAuthorizationSpecException) {
            return new SQLInvalidAuthorizationSpecException(prefix() + "the server refused the user name or password (" + said
                    + "); check both, and that the user may connect from this host", state, driver.getErrorCode(), cause);
        }
        if (driver.getMessage() != null && driver.getMessage().startsWith("No suitable driver")) {
            return new SQLNonTransientConnectionException(prefix() + "no JDBC driver on the class path takes this URL; add the database's driver "
                    + "(MariaDB and MySQL: org.mariadb.jdbc:mariadb-java-client)", "08001", cause);
        }
        Throwable network = networkCause(driver);
        if (network instanceof ConnectException) {
            return new SQLNonTransientConnectionException(prefix() + "nothing accepts connections at that host and port (" + network.getMessage()
                    + "); check the host, the port and that the server is running", state, driver.getErrorCode(), cause);
        }
        if (network instanceof UnknownHostException || network instanceof NoRouteToHostException) {
            return new SQLNonTransientConnectionException(prefix() + "the host cannot be reached (" + network
                    + "); check the host name and the network", state, driver.getErrorCode(), cause);
        }
        if (network instanceof SocketTimeoutException || driver instanceof SQLTimeoutException) {
            return new SQLTimeoutException(prefix() + "no answer within " + seconds(connectTimeout) + " (" + said
                    + "); check that the host and port are right and reachable from here, or allow longer with connectTimeout",
                    state, driver.getErrorCode(), cause);
        }
        if (driver instanceof SQLTransientConnectionException) {
            return new SQLTransientConnectionException(prefix() + said, state, driver.getErrorCode(), cause);
        }
        return new SQLNonTransientConnectionException(prefix() + said, state, driver.getErrorCode(), cause);
    }

    /** MariaDB's and MySQL's error code for a refused user or password, whatever SQLState a driver gives it. */
    private static final int MYSQL_ACCESS_DENIED = 1045;

    /** Whether a message of {@code failure} or its causes holds the password, or the URL with what {@link #url()} leaves out. */
    private boolean mentionsCredentials(Throwable failure) {
        List<String> sensitive = new ArrayList<>(2);
        if (password != null && !password.reveal().isEmpty()) {
            sensitive.add(password.reveal());
        }
        if (!url.equals(url())) {
            sensitive.add(url);
        }
        return !sensitive.isEmpty() && mentionsAny(failure, sensitive);
    }

    private static boolean mentionsAny(Throwable failure, List<String> sensitive) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && sensitive.stream().anyMatch(message::contains)) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (mentionsAny(suppressed, sensitive)) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static Throwable networkCause(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException) {
                return t;
            }
        }
        return null;
    }

    private String prefix() {
        return "cannot connect to " + url() + (user == null ? "" : " as '" + user + "'") + ": ";
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static String withoutQuery(String url) {
        int query = indexOfAny(url, '?', ';');
        String base = query < 0 ? url : url.substring(0, query);
        // user:password@host in the authority: keep the host.
        int scheme = base.indexOf("//");
        int at = base.indexOf('@', Math.max(scheme, 0));
        return scheme >= 0 && at > scheme ? base.substring(0, scheme + 2) + base.substring(at + 1) : base;
    }

    private static int indexOfAny(String text, char first, char second) {
        int a = text.indexOf(first);
        int b = text.indexOf(second);
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // A connection made after its caller gave up: nobody is left to tell.
        }
    }

    /** {@return nothing: the connector writes no log} */
    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    /**
     * Ignored: the connector writes no log.
     *
     * @param out ignored
     */
    @Override
    public void setLogWriter(PrintWriter out) {
        // Nothing is logged.
    }

    /**
     * Sets the connect timeout, in seconds, as {@link DataSource} allows; prefer {@link Builder#connectTimeout}.
     *
     * @param seconds ignored: the timeout is fixed when the connector is built
     * @throws SQLFeatureNotSupportedException always
     */
    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        throw new SQLFeatureNotSupportedException("a JdbcConnector's connect timeout is set on its builder");
    }

    /** {@return the connect timeout in whole seconds, rounded up} */
    @Override
    public int getLoginTimeout() {
        return (int) Math.min(Integer.MAX_VALUE, (connectTimeout.toMillis() + 999) / 1000);
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("a JdbcConnector writes no log");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("a JdbcConnector is not a " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    /** {@return the URL without its query and the user: {@code JdbcConnector[jdbc:mariadb://db/shop as etl]}} */
    @Override
    public String toString() {
        return "JdbcConnector[" + url() + (user == null ? "" : " as " + user) + "]";
    }

    /** Sets up a {@link JdbcConnector}. */
    public static final class Builder {

        private final String url;
        private String user;
        private Secret password;
        private Duration connectTimeout = Duration.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS);
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder(String url) {
            Objects.requireNonNull(url, "url");
            if (!url.startsWith("jdbc:")) {
                throw new IllegalArgumentException("not a JDBC URL: '" + withoutQuery(url) + "'; it starts with jdbc:, as in jdbc:mariadb://host:3306/database");
            }
            this.url = url;
        }

        /**
         * The user to connect as.
         *
         * @param user the user name
         * @return this builder
         */
        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        /**
         * The password, revealed only to the driver as it connects.
         *
         * @param password the password
         * @return this builder
         */
        public Builder password(Secret password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * How long an attempt to connect may take; {@value JdbcConnector#DEFAULT_CONNECT_TIMEOUT_SECONDS} s unless set.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is not positive
         */
        public Builder connectTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("a connect timeout is positive, not " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * A driver property, passed with the user and password: {@code property("sslMode", "verify-full")}.
         *
         * @param name the property's name, as the driver documents it
         * @param value its value
         * @return this builder
         */
        public Builder property(String name, String value) {
            properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** {@return the connector} */
        public JdbcConnector build() {
            return new JdbcConnector(this);
        }
    }
}
