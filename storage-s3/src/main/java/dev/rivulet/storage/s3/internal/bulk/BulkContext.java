package dev.rivulet.storage.s3.internal.bulk;

import dev.rivulet.storage.s3.internal.transfer.S3Transfers;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What every bulk call works with: the transfer engine, the threads and the sizes.
 *
 * @param transfers the client, its retry policy and error mapping, through which every request goes
 * @param pool the threads that run requests
 * @param partSize the size of a part of a ranged download or multipart upload
 * @param multipartThreshold the largest object uploaded, or fetched by its first request, whole
 * @param verifyChecksums whether objects fetched whole have their MD5 checked
 */
public record BulkContext(S3Transfers transfers, TransferPool pool, long partSize, long multipartThreshold, boolean verifyChecksums) {

    S3Client s3() {
        return transfers.client();
    }
}
