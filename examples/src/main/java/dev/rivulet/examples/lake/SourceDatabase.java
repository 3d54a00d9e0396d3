package dev.rivulet.examples.lake;

import dev.rivulet.jdbc.JdbcConnector;
import dev.rivulet.secret.Secret;
import dev.rivulet.secret.Secrets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The database the data lake is extracted from, chosen by the secrets {@code DB_HOST},
 * {@code DB_NAME}, {@code DB_USER} and {@code DB_PASS}:
 * <ul>
 *   <li>all four set: MariaDB or MySQL at {@code DB_HOST} ({@code host} or {@code host:port}),
 *       database {@code DB_NAME}, through MariaDB's driver;
 *   <li>none set: an embedded H2 database in MySQL mode under the work directory, holding the
 *       generated {@link ReportsTable}, with the days a run asks for generated on first use;
 *   <li>some set: an error naming those missing.
 * </ul>
 * The secrets are looked up as {@link Secrets} finds them: environment variables, system
 * properties, a secrets directory or file, or a provider such as AWS Secrets Manager.
 */
public final class SourceDatabase {

    /** The secrets that name a MariaDB or MySQL database, all or none of which must be set. */
    public static final List<String> SECRETS = List.of("DB_HOST", "DB_NAME", "DB_USER", "DB_PASS");

    private final JdbcConnector connector;
    private final boolean embedded;

    private SourceDatabase(JdbcConnector connector, boolean embedded) {
        this.connector = connector;
        this.embedded = embedded;
    }

    /**
     * The database the secrets name, or the embedded one under {@code workDirectory} if they name none.
     *
     * @param secrets where {@link #SECRETS} are looked up
     * @param workDirectory where the embedded database keeps its files
     * @param connectTimeout how long connecting to MariaDB or MySQL may take
     * @return the database; nothing is connected yet
     * @throws IllegalArgumentException if some of the secrets are set and others not
     */
    public static SourceDatabase choose(Secrets secrets, Path workDirectory, Duration connectTimeout) {
        Map<String, Secret> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String name : SECRETS) {
            Optional<Secret> secret = secrets.find(name);
            if (secret.isPresent() && !secret.get().reveal().isEmpty()) {
                found.put(name, secret.get());
            } else {
                missing.add(name);
            }
        }
        if (found.isEmpty()) {
            String url = "jdbc:h2:file:" + workDirectory.resolve("h2").resolve("shop").toAbsolutePath()
                    + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";
            return new SourceDatabase(JdbcConnector.builder(url).user("sa").connectTimeout(connectTimeout).build(), true);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("set all of " + String.join(", ", SECRETS) + " to read MariaDB or MySQL, or none of them to "
                    + "read the embedded H2 database: " + String.join(", ", found.keySet()) + (found.size() == 1 ? " is" : " are")
                    + " set, but not " + String.join(", ", missing));
        }
        String url = "jdbc:mariadb://" + found.get("DB_HOST").reveal() + "/" + found.get("DB_NAME").reveal();
        JdbcConnector connector = JdbcConnector.builder(url)
                .user(found.get("DB_USER").reveal())
                .password(found.get("DB_PASS"))
                .connectTimeout(connectTimeout)
                .build();
        return new SourceDatabase(connector, false);
    }

    /** {@return where connections come from} */
    public DataSource dataSource() {
        return connector;
    }

    /** {@return whether this is the embedded H2 database} */
    public boolean isEmbedded() {
        return embedded;
    }

    /** {@return which database this is, for messages: its URL without options, and the user} */
    public String description() {
        return embedded ? "the embedded H2 database " + connector.url() : connector.url() + " as " + connector.user();
    }

    /**
     * Generates the orders of each of {@code days} not generated yet, {@code ordersPerDay} a day, in
     * the embedded database; does nothing elsewhere (a real database has its own rows).
     *
     * @param days the days a run is about to extract
     * @param ordersPerDay how many orders a generated day holds
     * @return how many days were generated now
     * @throws SQLException if the database refuses
     */
    public int generateMissingDays(List<LocalDate> days, int ordersPerDay) throws SQLException {
        if (!embedded) {
            return 0;
        }
        int generated = 0;
        try (Connection connection = connector.getConnection()) {
            ReportsTable.createIfMissing(connection);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS generated_days (generated_day DATE PRIMARY KEY, orders INT NOT NULL)");
            }
            for (LocalDate day : days) {
                if (!isGenerated(connection, day)) {
                    ReportsTable.insertDay(connection, day, ordersPerDay, GENERATOR_SEED);
                    try (PreparedStatement mark = connection.prepareStatement("INSERT INTO generated_days (generated_day, orders) VALUES (?, ?)")) {
                        mark.setObject(1, day);
                        mark.setInt(2, ordersPerDay);
                        mark.executeUpdate();
                    }
                    generated++;
                }
            }
        }
        return generated;
    }

    /** The seed of the embedded database's orders. */
    static final long GENERATOR_SEED = 20230901;

    private static boolean isGenerated(Connection connection, LocalDate day) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM generated_days WHERE generated_day = ?")) {
            query.setObject(1, day);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public String toString() {
        return "SourceDatabase(" + description() + ")";
    }
}
