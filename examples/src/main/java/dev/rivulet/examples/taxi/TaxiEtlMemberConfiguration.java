package dev.rivulet.examples.taxi;

import dev.rivulet.Rivulet;
import dev.rivulet.cli.RivuletConfiguration;
import dev.rivulet.storage.s3.S3ClientOptions;
import dev.rivulet.storage.s3.S3ResultStore;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a cluster member needs to carry out {@link TaxiEtl}'s daily loads: the {@code s3} result
 * store the loads' tables were left in, and the {@link TaxiEtl.Pipeline}'s client and table holder.
 * Its S3 is named by system properties of the member's JVM, since a client cannot travel with a call:
 *
 * <ul>
 *   <li>{@value #BUCKET}: the bucket of the run (required);
 *   <li>{@value #ENDPOINT}: an S3-compatible server, path-style access; AWS S3 when not set.
 * </ul>
 *
 * Credentials and region come from the AWS SDK's default chains ({@code AWS_*} environment
 * variables, {@code aws.*} system properties, {@code ~/.aws}), as for the example itself. Start a
 * member with it:
 *
 * <pre>
 * java -Dtaxi-etl.bucket=my-lake -cp APP dev.rivulet.hazelcast.RivuletMember --config dev.rivulet.examples.taxi.TaxiEtlMemberConfiguration ...
 * </pre>
 */
public final class TaxiEtlMemberConfiguration implements RivuletConfiguration {

    /** The system property that names the bucket. */
    public static final String BUCKET = "taxi-etl.bucket";
    /** The system property that names an S3-compatible server's endpoint. */
    public static final String ENDPOINT = "taxi-etl.s3-endpoint";

    private final S3ClientOptions clientOptions;
    private final String bucket;
    private final S3Client client;
    private final TaxiEtl.OpenTables tables = TaxiEtl.OpenTables.forEachCall();

    /** Reads the system properties; for {@code RivuletMember --config}. */
    public TaxiEtlMemberConfiguration() {
        String named = System.getProperty(BUCKET);
        if (named == null || named.isBlank()) {
            throw new IllegalStateException("start the member with -D" + BUCKET + "=NAME, the bucket the taxi ETL writes to"
                    + " (and -D" + ENDPOINT + "=URL for an S3-compatible server other than AWS)");
        }
        String endpoint = System.getProperty(ENDPOINT);
        this.bucket = named;
        this.clientOptions = endpoint == null || endpoint.isBlank() ? S3ClientOptions.defaults()
                : S3ClientOptions.newBuilder().endpoint(URI.create(endpoint)).pathStyleAccess(true).build();
        this.client = clientOptions.buildClient();
    }

    /** The system properties that make a member's configuration reach {@code bucket} at {@code endpoint} (null for AWS). */
    static List<String> systemProperties(String bucket, URI endpoint) {
        return endpoint == null ? List.of("-D" + BUCKET + "=" + bucket)
                : List.of("-D" + BUCKET + "=" + bucket, "-D" + ENDPOINT + "=" + endpoint);
    }

    /** The store the flow's tables were left in, read here by reference: the same bucket and prefix as the example's. */
    @Override
    public void configure(Rivulet.Builder builder) {
        builder.resultStore("s3", S3ResultStore.builder().clientOptions(clientOptions).bucket(bucket).prefix(TaxiEtl.RESULTS_PREFIX).build());
    }

    /** The loads' client, and a table holder that closes each call's tables when the call is done with them. */
    @Override
    public <T> Optional<T> implementation(Class<T> flowType) {
        return flowType == TaxiEtl.Pipeline.class ? Optional.of(flowType.cast(new TaxiEtl.Resources(client, tables))) : Optional.empty();
    }

    @Override
    public void close() {
        tables.close();
        client.close();
    }
}
