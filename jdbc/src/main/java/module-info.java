/**
 * Rivulet's JDBC reader: SQL query results streamed into Arrow batches; see {@link dev.rivulet.jdbc}.
 *
 * <p>Its API takes and returns Arrow's and JDBC's own types, so the modules they live in are read by
 * whoever reads this one. The JDBC driver is the application's, found by {@code java.sql} or passed
 * in as a {@code DataSource}. {@code JdbcConnector} takes a password as core's {@code Secret}.
 */
module dev.rivulet.jdbc {
    exports dev.rivulet.jdbc;

    requires transitive dev.rivulet.core;
    requires transitive java.sql;
    requires transitive org.apache.arrow.memory.core;
    requires transitive org.apache.arrow.vector;
    // Arrow's allocators find their memory manager by name at run time: this puts it in the module graph.
    requires org.apache.arrow.memory.unsafe;
}
