package dev.rivulet.jdbc.testing;

import dev.rivulet.io.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * A MariaDB server for tests: Debian's {@code mariadbd}, started by the test itself on 127.0.0.1 and
 * a free port, with its data, socket and log in a new temporary directory that {@link #close()}
 * deletes. Its grant tables are those {@code mariadb-install-db} makes: {@link #USER} connects
 * without a password, and {@link #createUser} adds accounts that need one (to test what a wrong
 * password does). It holds one empty database, {@link #DATABASE}. Starting one takes two to three seconds: share one per test
 * class.
 *
 * {@snippet file="dev/rivulet/jdbc/testing/snippets/MariaDbTestServerSnippetsTest.java" region="server"}
 *
 * <p>The server binaries are looked up in the directory named by the system property
 * {@value #BINARIES_PROPERTY} if set, else on the {@code PATH}, {@code /usr/sbin} and
 * {@code /usr/bin}. The build installs Debian's {@code mariadb-server} where they are missing
 * ({@code jdbc-testing/install-mariadb}); elsewhere, install it with
 * {@code apt-get install mariadb-server}. Installing it does not start a system service that these
 * servers would need: each runs on its own files.
 */
public final class MariaDbTestServer implements AutoCloseable {

    /** The database the server holds when it starts, empty; {@link #jdbcUrl()} connects to it. */
    public static final String DATABASE = "test";
    /** The user name connections use; without grant tables any name is accepted. */
    public static final String USER = "root";
    /** The system property naming the directory of {@code mariadbd} and {@code mariadb-install-db}. */
    public static final String BINARIES_PROPERTY = "rivulet.mariadb.bin";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path directory;
    private final Process process;
    private final int port;
    /** Stops the server if the JVM exits without {@link #close()}: no mariadbd outlives its tests. */
    private final Thread stopOnExit;

    private MariaDbTestServer(Path directory, Process process, int port) {
        this.directory = directory;
        this.process = process;
        this.port = port;
        this.stopOnExit = new Thread(process::destroyForcibly, "rivulet-mariadb-stop-on-exit");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Whether {@code mariadbd} and {@code mariadb-install-db} are installed, where {@link #start()} looks for them.
     *
     * @return true if a server can be started
     */
    public static boolean isInstalled() {
        try {
            binary("mariadbd");
            binary("mariadb-install-db");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * For a test that needs a server: returns if MariaDB is installed; otherwise, under {@code CI=true}
     * fails, since CI installs it and its tests must run, and elsewhere skips the test (a JUnit
     * assumption), saying on standard error, loudly, what was skipped and how to install it.
     *
     * @param what the tests that need the server, for the message
     * @throws IllegalStateException under {@code CI=true} when MariaDB is missing
     * @throws org.opentest4j.TestAbortedException elsewhere when MariaDB is missing: the test is skipped
     */
    public static void assumeInstalled(String what) {
        if (isInstalled()) {
            return;
        }
        String missing = "MariaDB is not installed, so " + what + " cannot run: install Debian's mariadb-server"
                + " (apt-get install mariadb-server; the build does it when run as root), or set -D" + BINARIES_PROPERTY;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(missing + ". Under CI=true these tests must run.");
        }
        System.err.println("!!! SKIPPED: " + missing + " !!!");
        org.junit.jupiter.api.Assumptions.abort(missing);
    }

    /**
     * Makes a data directory in a new temporary directory and starts a server on it.
     *
     * @return the running server, accepting connections to {@link #DATABASE}
     * @throws IOException if {@code mariadbd} or {@code mariadb-install-db} is not installed, or the
     *     server does not start (its error log is in the message)
     */
    public static MariaDbTestServer start() throws IOException {
        Path directory = Files.createTempDirectory("rivulet-mariadb-");
        try {
            Path data = directory.resolve("data");
            installDataDirectory(directory, data);
            return startOn(directory, data);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(directory, e);
            throw e;
        }
    }

    private static void installDataDirectory(Path directory, Path data) throws IOException {
        Path log = directory.resolve("install.log");
        List<String> command = new ArrayList<>(List.of(
                binary("mariadb-install-db").toString(),
                "--no-defaults",
                "--datadir=" + data,
                "--auth-root-authentication-method=normal",
                "--skip-test-db"));
        command.addAll(userOption());
        Process install = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!waitFor(install, START_TIMEOUT) || install.exitValue() != 0) {
            install.destroyForcibly();
            throw new IOException("mariadb-install-db failed for " + data + ": " + tail(log));
        }
    }

    private static MariaDbTestServer startOn(Path directory, Path data) throws IOException {
        Path errorLog = directory.resolve("error.log");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                binary("mariadbd").toString(),
                "--no-defaults",
                "--datadir=" + data,
                "--bind-address=127.0.0.1",
                "--port=" + port,
                "--socket=" + directory.resolve("mariadb.sock"),
                "--pid-file=" + directory.resolve("mariadb.pid"),
                "--log-error=" + errorLog,
                "--skip-log-bin",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                // Tests want a small, quick server: little memory, no durability across crashes.
                "--innodb-buffer-pool-size=64M",
                "--innodb-log-file-size=32M",
                "--innodb-flush-log-at-trx-commit=0",
                "--performance-schema=OFF"));
        command.addAll(userOption());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("mariadbd.out").toFile())
                .start();
        MariaDbTestServer server = new MariaDbTestServer(directory, process, port);
        try {
            server.awaitReady(errorLog);
            try (Connection connection = server.connectTo("");
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            server.stop();
            throw new IOException("the MariaDB server on port " + port + " did not accept connections: "
                    + e.getMessage() + "; its log: " + tail(errorLog), e);
        } catch (IOException | RuntimeException e) {
            server.stop();
            throw e;
        }
        return server;
    }

    /** mariadbd refuses to run as root unless told to; as another user the option is ignored. */
    private static List<String> userOption() {
        return List.of("--user=" + System.getProperty("user.name"));
    }

    private void awaitReady(Path errorLog) throws IOException, SQLException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("mariadbd exited with " + process.exitValue() + " before accepting connections; its log: " + tail(errorLog));
            }
            try (Connection connection = connectTo("")) {
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            sleep(Duration.ofMillis(100));
        }
    }

    /** {@return the port the server listens on, on 127.0.0.1} */
    public int port() {
        return port;
    }

    /** {@return a JDBC URL of {@link #DATABASE}, for the MariaDB driver, with no extra options} */
    public String jdbcUrl() {
        return urlOf(DATABASE);
    }

    private String urlOf(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /**
     * A data source of {@link #DATABASE}, with driver options added to the URL.
     *
     * @param options driver options as a URL query without the {@code ?} (for example
     *     {@code "useCursorFetch=true"}), or an empty string for none
     * @return a data source whose connections log in as {@link #USER}
     */
    public DataSource dataSource(String options) {
        try {
            MariaDbDataSource dataSource = new MariaDbDataSource(options.isEmpty() ? jdbcUrl() : jdbcUrl() + "?" + options);
            dataSource.setUser(USER);
            return dataSource;
        } catch (SQLException e) {
            throw new IllegalArgumentException("not driver options of a MariaDB URL: '" + options + "'", e);
        }
    }

    /**
     * Adds an account that connects from 127.0.0.1 with {@code password} and may do anything in
     * {@link #DATABASE}.
     *
     * @param name the user name: letters, digits and underscores
     * @param password the password: any text without a single quote or backslash
     * @return a JDBC URL of {@link #DATABASE}, to connect with that user and password
     * @throws SQLException if the server refuses to make the account
     * @throws IllegalArgumentException if the name or password would need quoting
     */
    public String createUser(String name, String password) throws SQLException {
        if (!name.matches("\\w+") || password.contains("'") || password.contains("\\")) {
            throw new IllegalArgumentException("a test account's name is letters, digits and underscores, and its password has no ' or \\");
        }
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE USER '" + name + "'@'127.0.0.1' IDENTIFIED BY '" + password + "'");
            statement.execute("GRANT ALL ON " + DATABASE + ".* TO '" + name + "'@'127.0.0.1'");
        }
        return jdbcUrl();
    }

    /**
     * Opens a connection to {@link #DATABASE}.
     *
     * @return a new connection, the caller's to close
     * @throws SQLException if the server does not answer
     */
    public Connection connect() throws SQLException {
        return connectTo(DATABASE);
    }

    private Connection connectTo(String database) throws SQLException {
        return DriverManager.getConnection(urlOf(database), USER, "");
    }

    /**
     * Stops the server and deletes its directory, data included.
     *
     * @throws IOException if the directory cannot be deleted
     */
    @Override
    public void close() throws IOException {
        stop();
        FileTrees.deleteRecursively(directory);
    }

    private void stop() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException exiting) {
            // The JVM is exiting: the hook runs anyway.
        }
        // SIGTERM: mariadbd shuts down cleanly; a server that does not is killed.
        process.destroy();
        if (!waitFor(process, STOP_TIMEOUT)) {
            process.destroyForcibly();
            waitFor(process, STOP_TIMEOUT);
        }
    }

    private static Path binary(String name) throws IOException {
        String configured = System.getProperty(BINARIES_PROPERTY);
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured, name));
        } else {
            String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
            for (String entry : path.split(java.io.File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    candidates.add(Path.of(entry, name));
                }
            }
            candidates.add(Path.of("/usr/sbin", name));
            candidates.add(Path.of("/usr/bin", name));
        }
        return candidates.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IOException(name + " is not installed (looked in " + candidates
                        + "): install Debian's mariadb-server (apt-get install mariadb-server), or set -D"
                        + BINARIES_PROPERTY + " to the directory that holds it"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for mariadbd to start", e);
        }
    }

    /** The last lines of a log, for an error message. */
    private static String tail(Path log) {
        try {
            if (!Files.exists(log)) {
                return "(no log at " + log + ")";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path directory, Exception cause) {
        try {
            FileTrees.deleteRecursively(directory);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
