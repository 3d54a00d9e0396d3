/**
 * A task runner on a Hazelcast cluster; see {@link dev.rivulet.hazelcast}.
 *
 * <p>Hazelcast 5.7's jar is an automatic module ({@code com.hazelcast.core}) that uses JDK modules
 * without declaring them: this module requires them on its behalf.
 */
module dev.rivulet.hazelcast {
    exports dev.rivulet.hazelcast;
    // The member program's options, for picocli to read.
    opens dev.rivulet.hazelcast to info.picocli;

    requires transitive dev.rivulet.core;
    requires transitive dev.rivulet.cli;
    requires transitive com.hazelcast.core;
    requires org.slf4j;
    requires jdk.unsupported;
    requires java.management;
    requires java.naming;
    requires java.sql;
    requires java.transaction.xa;
    requires jdk.management;
}
