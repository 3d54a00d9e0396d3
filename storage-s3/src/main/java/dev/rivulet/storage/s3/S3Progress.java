package dev.rivulet.storage.s3;

/**
 * How far a {@link S3Bulk#getMany getMany} or {@link S3Bulk#putMany putMany} call has come, for a
 * progress bar.
 *
 * <p>Object counts are known from the start. Byte totals are too for uploads and for ranges of a
 * known length; a download of a whole object adds its size to {@code bytesTotal} when its first
 * response arrives, so the total grows until every object has started. Skipped uploads and missing
 * objects count as done.
 *
 * @param objectsDone objects finished (downloaded, uploaded, skipped or found missing)
 * @param objectsTotal objects in the call
 * @param bytesDone bytes transferred so far
 * @param bytesTotal bytes to transfer, as far as known so far
 */
public record S3Progress(long objectsDone, long objectsTotal, long bytesDone, long bytesTotal) {

    /** {@return whether every object is done} */
    public boolean isComplete() {
        return objectsDone == objectsTotal;
    }

    /**
     * Receives progress from the worker threads: after each object, and at most every 100
     * milliseconds while bytes flow; once more with the final figures before the call returns.
     * Calls never overlap, and each reports figures at least as large as the one before. Keep it
     * quick: the worker that reports waits for it. An exception it throws fails the call.
     */
    @FunctionalInterface
    public interface Listener {
        /**
         * Receives the figures so far.
         *
         * @param progress objects and bytes done, out of the totals
         */
        void onProgress(S3Progress progress);
    }
}
