package dev.rivulet.jdbc.internal;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;

/**
 * What a database's type names mean where JDBC's codes leave it open, and what its driver is known
 * to do.
 *
 * @param timestampIsInstant whether its {@code TIMESTAMP} type holds instants (MariaDB and MySQL:
 *     stored in UTC, shown in the session's time zone) rather than wall-clock date-times (the SQL
 *     standard's {@code TIMESTAMP}, which {@code DATETIME} is in MariaDB and MySQL)
 * @param textBytesAreUtf8 whether the driver's {@code getBytes} on a text column gives the bytes its
 *     {@code getString} decodes as UTF-8: MariaDB Connector/J from 3.5 (the version read and tested),
 *     which reads every text column that way and closes a connection whose results' character set is
 *     changed to one that is not UTF-8
 */
public record SqlDialect(boolean timestampIsInstant, boolean textBytesAreUtf8) {

    /** The standard's meaning: {@code TIMESTAMP} without time zone is a wall-clock date-time. */
    public static final SqlDialect STANDARD = new SqlDialect(false, false);
    /** MariaDB's and MySQL's meaning, through a driver not known to hand text as UTF-8 bytes. */
    public static final SqlDialect MYSQL_FAMILY = new SqlDialect(true, false);

    /** The driver whose text bytes are known to be what it decodes as UTF-8, from version 3.5. */
    private static final String MARIADB_DRIVER = "MariaDB Connector/J";

    /**
     * The dialect of the database a connection is to, by its product name, and of its driver.
     *
     * @param metadata the connection's metadata
     * @return {@link #MYSQL_FAMILY} for MariaDB and MySQL (with {@link #textBytesAreUtf8()} through
     *     MariaDB Connector/J 3.5 or later), else {@link #STANDARD}
     * @throws SQLException if the driver cannot say which database it is
     */
    public static SqlDialect of(DatabaseMetaData metadata) throws SQLException {
        String product = metadata.getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (!product.contains("mariadb") && !product.contains("mysql")) {
            return STANDARD;
        }
        int major = metadata.getDriverMajorVersion();
        boolean utf8Bytes = MARIADB_DRIVER.equals(metadata.getDriverName()) && (major > 3 || major == 3 && metadata.getDriverMinorVersion() >= 5);
        return new SqlDialect(true, utf8Bytes);
    }

    /** {@return whether a {@link Types#TIMESTAMP} column holds instants} */
    boolean isInstant(SqlColumn column) {
        return timestampIsInstant && column.typeName().equals("TIMESTAMP");
    }
}
