/**
 * SQL query results as Arrow tables: {@link dev.rivulet.jdbc.JdbcTables} runs a query through JDBC
 * and reads its result batch by batch ({@link dev.rivulet.jdbc.JdbcBatchReader}), with memory
 * bounded by one batch, or whole into one table; {@link dev.rivulet.jdbc.JdbcReadOptions} sets the
 * batch and fetch sizes. The JDBC driver is the caller's.
 */
package dev.rivulet.jdbc;
