package dev.rivulet.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rivulet.result.CorruptResultException;
import dev.rivulet.result.ResultRecord;
import dev.rivulet.result.ResultStore;
import dev.rivulet.storage.s3.testing.S3TestServerExtension;
import dev.rivulet.testing.contract.ResultStoreContract;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3ResultStoreTest extends ResultStoreContract {

    @RegisterExtension
    static final S3TestServerExtension s3 = new S3TestServerExtension();

    String prefix;

    @Override
    protected ResultStore newStore() {
        prefix = "results/" + UUID.randomUUID();
        return newStore(prefix);
    }

    private static S3ResultStore newStore(String prefix) {
        return S3ResultStore.builder().bucket(bucket()).prefix(prefix).clientOptions(TestServerOptions.forEndpoint(s3.server().endpoint())).build();
    }

    private static S3Client client() {
        return s3.server().client();
    }

    private static String bucket() {
        return s3.bucket();
    }

    /** The names of the store's objects, relative to its prefix. */
    private List<String> objects() {
        return client().listObjectsV2Paginator(b -> b.bucket(bucket()).prefix(prefix + "/")).contents().stream()
                .map(S3Object::key)
                .map(key -> key.substring(prefix.length() + 1))
                .sorted()
                .toList();
    }

    private String dataObject(String key) {
        List<String> data = objects().stream().filter(name -> name.matches(key.replace(".", "\\.") + "\\.[0-9a-f]{16}\\.data")).toList();
        assertThat(data).as("data objects of %s", key).hasSize(1);
        return prefix + "/" + data.getFirst();
    }

    private static byte[] get(String objectKey) {
        return client().getObjectAsBytes(b -> b.bucket(bucket()).key(objectKey)).asByteArray();
    }

    private static void put(String objectKey, byte[] bytes) {
        client().putObject(b -> b.bucket(bucket()).key(objectKey), RequestBody.fromBytes(bytes));
    }

    @Override
    protected boolean corrupt(String key) {
        String dataObject = dataObject(key);
        byte[] bytes = get(dataObject);
        bytes[10] ^= (byte) 0xFF;
        put(dataObject, bytes);
        return true;
    }

    @Test
    void anEntryIsARecordBesideTheBytesAsWritten() throws Exception {
        byte[] data = bytes(1000, 1);
        ResultRecord written = store.write(record("etl/t/abc"), out -> out.write(data));

        assertThat(objects()).hasSize(2).contains("etl/t/abc.record.json");
        String dataObject = dataObject("etl/t/abc");
        assertThat(get(dataObject)).isEqualTo(data);
        JsonNode json = new ObjectMapper().readTree(get(prefix + "/etl/t/abc.record.json"));
        assertThat(json.get("format").asInt()).isEqualTo(1);
        assertThat(prefix + "/" + json.get("data").asText()).isEqualTo(dataObject);
        assertThat(json.get("record").get("size").asLong()).isEqualTo(1000);
        assertThat(json.get("record").get("checksum").asText()).isEqualTo(written.checksum());
    }

    @Test
    void replacingAnEntryDeletesTheReplacedDataAndDeletingRemovesBoth() throws Exception {
        store.write(record("k"), out -> out.write(bytes(10, 1)));
        String first = dataObject("k");
        store.write(record("k"), out -> out.write(bytes(20, 2)));

        assertThat(objects()).hasSize(2);
        assertThat(dataObject("k")).isNotEqualTo(first);
        assertThat(store.delete("k")).isTrue();
        assertThat(objects()).isEmpty();
    }

    @Test
    void aRecordThatDisagreesWithItsDataIsCorrupt() throws Exception {
        store.write(record("short"), out -> out.write(bytes(5000, 3)));
        put(dataObject("short"), bytes(4000, 3));

        assertThatThrownBy(() -> store.read("short")).isInstanceOf(CorruptResultException.class)
                .hasMessageContaining("has 4000 bytes, the record 5000");
    }

    @Test
    void aRecordThatNamesMissingDataIsCorrupt() throws Exception {
        store.write(record("gone"), out -> out.write(bytes(100, 4)));
        String dataObject = dataObject("gone");
        client().deleteObject(b -> b.bucket(bucket()).key(dataObject));

        assertThatThrownBy(() -> store.read("gone")).isInstanceOf(CorruptResultException.class)
                .hasMessageContaining("which is missing").hasMessageContaining(dataObject);
    }

    @Test
    void aForeignOrMisplacedRecordIsCorruptAndCanBeDeleted() throws Exception {
        put(prefix + "/foreign.record.json", "{\"not\": \"a result\"}".getBytes());
        assertThatThrownBy(() -> store.record("foreign")).isInstanceOf(CorruptResultException.class);
        assertThatThrownBy(() -> store.read("foreign")).isInstanceOf(CorruptResultException.class);
        assertThat(store.delete("foreign")).isTrue();

        store.write(record("a"), out -> out.write(bytes(10, 5)));
        put(prefix + "/b.record.json", get(prefix + "/a.record.json"));
        assertThatThrownBy(() -> store.read("b")).isInstanceOf(CorruptResultException.class).hasMessageContaining("does not describe it");
    }

    @Test
    void aFailedWriteLeavesNoObject() {
        assertThatThrownBy(() -> store.write(record("failed"), out -> {
            out.write(bytes(1000, 6));
            throw new IOException("serializer broke");
        })).hasMessage("serializer broke");
        assertThat(objects()).isEmpty();
    }

    @Test
    void entriesSurviveANewStoreAndStoresWithOtherPrefixesDoNotMeet() throws Exception {
        store.write(record("kept"), out -> out.write(bytes(100, 7)));
        try (ResultStore again = newStore(prefix); ResultStore other = newStore(prefix + "-other")) {
            assertThat(readAll(again.read("kept").orElseThrow())).isEqualTo(bytes(100, 7));
            assertThat(other.read("kept")).isEmpty();
        }
    }

    @Test
    void describesItselfByBucketAndPrefix() {
        assertThat(store.describe()).isEqualTo("s3(s3://" + bucket() + "/" + prefix + ")");
        try (S3ResultStore root = S3ResultStore.builder().bucket(bucket()).prefix("/").client(client()).build()) {
            assertThat(root.prefix()).isEmpty();
            assertThat(root.partSize()).isEqualTo(S3ResultStore.DEFAULT_PART_SIZE);
        }
    }

    @Test
    void theBuilderRejectsBadSettingsWithTheValue() {
        assertThatThrownBy(() -> S3ResultStore.builder().build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("bucket");
        assertThatThrownBy(() -> S3ResultStore.builder().partSize(1 << 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1048576");
        assertThatThrownBy(() -> S3ResultStore.builder().prefix("a/../b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a/../b");
        assertThatThrownBy(() -> S3ResultStore.builder().bucket("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3ResultStore.builder().bucket(bucket()).client(client()).clientOptions(TestServerOptions.forEndpoint(s3.server().endpoint())).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> S3ClientOptions.newBuilder().maxAttempts(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 0");
    }
}
