package dev.rivulet.jdbc.internal;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;

/**
 * What a database's type names mean where JDBC's codes leave it open.
 *
 * @param timestampIsInstant whether its {@code TIMESTAMP} type holds instants (MariaDB and MySQL:
 *     stored in UTC, shown in the session's time zone) rather than wall-clock date-times (the SQL
 *     standard's {@code TIMESTAMP}, which {@code DATETIME} is in MariaDB and MySQL)
 */
public record SqlDialect(boolean timestampIsInstant) {

    /** The standard's meaning: {@code TIMESTAMP} without time zone is a wall-clock date-time. */
    public static final SqlDialect STANDARD = new SqlDialect(false);
    /** MariaDB's and MySQL's meaning. */
    public static final SqlDialect MYSQL_FAMILY = new SqlDialect(true);

    /**
     * The dialect of the database a connection is to, by its product name.
     *
     * @param metadata the connection's metadata
     * @return {@link #MYSQL_FAMILY} for MariaDB and MySQL, else {@link #STANDARD}
     * @throws SQLException if the driver cannot say which database it is
     */
    public static SqlDialect of(DatabaseMetaData metadata) throws SQLException {
        String product = metadata.getDatabaseProductName().toLowerCase(Locale.ROOT);
        return product.contains("mariadb") || product.contains("mysql") ? MYSQL_FAMILY : STANDARD;
    }

    /** {@return whether a {@link Types#TIMESTAMP} column holds instants} */
    boolean isInstant(SqlColumn column) {
        return timestampIsInstant && column.typeName().equals("TIMESTAMP");
    }
}
