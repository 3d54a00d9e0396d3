package dev.rivulet.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.storage.s3.testing.S3TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The program at the end of docs/s3.md: a directory up, the prefix listed, everything down again. */
class S3BulkExampleTest {

    @Test
    void upListedAndDownAgain(@TempDir Path work) throws IOException {
        // Twenty files of up to a MiB, as a job might have written them.
        Path out = Files.createDirectory(work.resolve("out"));
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            byte[] data = new byte[(1 + i % 4) << 18];
            random.nextBytes(data);
            Files.write(out.resolve("part-" + i + ".parquet"), data);
        }

        try (S3TestServer server = S3TestServer.start();
                S3Client s3 = server.clientBuilder()
                        .httpClientBuilder(Apache5HttpClient.builder().maxConnections(S3Bulk.defaultConcurrency()))
                        .build();
                S3Bulk bulk = S3Bulk.newBuilder(s3).build()) {
            String bucket = server.createBucket();

            List<S3Put> puts = new ArrayList<>();
            try (var files = Files.list(out)) {
                for (Path file : files.sorted().toList()) {
                    puts.add(S3Put.file("data/date=20261123/" + file.getFileName(), file)
                            .withContentType("application/vnd.apache.parquet")
                            .withMetadata(Map.of("job", "example")));
                }
            }
            bulk.putMany(bucket, puts, PutManyOptions.newBuilder()
                    .progress(p -> System.out.printf("up: %d/%d objects, %d/%d bytes%n",
                            p.objectsDone(), p.objectsTotal(), p.bytesDone(), p.bytesTotal()))
                    .build());

            List<S3ObjectInfo> objects = bulk.listRecursive(bucket, "data/");
            long bytes = objects.stream().mapToLong(S3ObjectInfo::size).sum();
            System.out.printf("Loading %.1f MB across %d files%n", bytes / 1e6, objects.size());

            try (S3Downloads downloads = bulk.getMany(bucket, S3Get.objects(objects.stream().map(S3ObjectInfo::key).toList()))) {
                for (S3Download download : downloads) {
                    // Each file is complete and checked; read it, or move it away to keep it.
                    assertThat(download.path()).hasSameBinaryContentAs(out.resolve(download.key().substring(download.key().lastIndexOf('/') + 1)));
                    assertThat(download.contentType()).isEqualTo("application/vnd.apache.parquet");
                }
                assertThat(downloads.totalBytes()).isEqualTo(bytes);
            }
        }
    }
}
