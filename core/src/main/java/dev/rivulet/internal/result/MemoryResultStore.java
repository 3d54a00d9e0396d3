package dev.rivulet.internal.result;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rivulet.result.ResultRecord;
import dev.rivulet.result.ResultStore;
import dev.rivulet.result.StoreSupport;
import dev.rivulet.result.StoredResult;
import java.io.IOException;
import java.util.Optional;

/** Results in memory, in a Caffeine cache bounded by the total bytes it holds; least useful entries go first. */
public final class MemoryResultStore implements ResultStore {

    private record Entry(ResultRecord record, byte[] bytes) {}

    private final long maxBytes;
    private final Cache<String, Entry> entries;

    public MemoryResultStore(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("a memory store needs a positive size in bytes, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .executor(Runnable::run)
                .weigher((String key, Entry e) -> (int) Math.min(Integer.MAX_VALUE, e.bytes.length + 64L + key.length()))
                .build();
    }

    @Override
    public String describe() {
        return "memory(" + maxBytes + " bytes)";
    }

    @Override
    public ResultRecord write(ResultRecord record, DataWriter data) throws IOException {
        StoreSupport.checkKey(record.key());
        ByteSink sink = new ByteSink();
        StoreSupport.ChecksummingOutputStream out = new StoreSupport.ChecksummingOutputStream(sink);
        data.writeTo(out);
        out.flush();
        ResultRecord complete = record.withContent(out.size(), out.checksum());
        entries.put(record.key(), new Entry(complete, sink.toTrimmedArray()));
        return complete;
    }

    @Override
    public Optional<ResultRecord> record(String key) {
        StoreSupport.checkKey(key);
        Entry e = entries.getIfPresent(key);
        return e == null ? Optional.empty() : Optional.of(e.record);
    }

    @Override
    public Optional<StoredResult> read(String key) {
        StoreSupport.checkKey(key);
        Entry e = entries.getIfPresent(key);
        if (e == null) {
            return Optional.empty();
        }
        return Optional.of(new StoredResult(e.record, StoreSupport.verifying(ByteSink.read(e.bytes), e.record)));
    }

    @Override
    public boolean delete(String key) {
        StoreSupport.checkKey(key);
        return entries.asMap().remove(key) != null;
    }

    @Override
    public String toString() {
        return describe();
    }
}
