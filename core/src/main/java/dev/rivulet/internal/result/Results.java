package dev.rivulet.internal.result;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rivulet.InvalidDefinitionException;
import dev.rivulet.RivuletException;
import dev.rivulet.internal.result.DecodesWithinInput;
import dev.rivulet.io.KeyLockInterruptedException;
import dev.rivulet.internal.result.KeyLocks;
import dev.rivulet.internal.result.RemainingInput;
import dev.rivulet.internal.result.SerializerRegistry;
import dev.rivulet.result.CorruptResultException;
import dev.rivulet.result.ResultRecord;
import dev.rivulet.result.ResultStore;
import dev.rivulet.result.SerializationException;
import dev.rivulet.result.Serializer;
import dev.rivulet.result.StoredResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result side of the runtime: the named result stores, the serializers, and the in-memory tier
 * that keeps recently written and read values in front of the stores. Task runs reach it through
 * their {@link ResultPolicy}.
 */
public final class Results implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rivulet.Results");

    /** What {@link #lookup} returns when the store has no usable entry. */
    static final Object MISS = new Object() {
        @Override
        public String toString() {
            return "MISS";
        }
    };

    /** The size up to which a stored value is read into memory and checked there before it is decoded. */
    static final long CHECKED_IN_MEMORY = 32L << 20;

    /**
     * The size above which a cache hit whose value nothing asks for yet is not read at the lookup,
     * but when something needs it: reading a big entry only to find that every dependent is cached
     * costs most of a cached run. Smaller hits are read at once, which costs about what reading
     * the record did, so that damage is found at the lookup and the run recomputes.
     */
    static final long READ_WHEN_NEEDED = 64L << 10;

    private final Map<String, Store> stores;
    private final String defaultStore;
    private final SerializerRegistry serializers;
    private final String defaultSerializer;
    private final boolean refreshAll;
    /** Whether a task with a cache policy has been defined: only then do uncached runs work out their lineage. */
    private volatile boolean cachingDefined;
    /** Values by store and key, weighed by their stored size; null when the tier is off. */
    private final Cache<TierKey, TierEntry> tier;
    private final KeyLocks keyLocks = new KeyLocks();

    private record TierEntry(Object value, Instant expires, long size) {}

    /**
     * Where a value in the tier came from. A record rather than the three joined in one string: a
     * hit's cache key is often the very string of the earlier run, whose hash code is known and which
     * equals itself at once, so looking it up copies and hashes nothing.
     */
    private record TierKey(String store, String key, String cacheKey) {}

    /** A store made when first used, so that a Rivulet that never persists touches no directory. */
    private static final class Store {
        private final Supplier<ResultStore> factory;
        /** Made on first use; null until then. */
        private volatile ResultStore store;

        Store(Supplier<ResultStore> factory) {
            this.factory = factory;
        }

        Store(ResultStore provided) {
            this.factory = () -> provided;
            this.store = provided;
        }

        ResultStore get() {
            ResultStore s = store;
            if (s == null) {
                synchronized (this) {
                    s = store;
                    if (s == null) {
                        s = factory.get();
                        store = s;
                    }
                }
            }
            return s;
        }
    }

    /**
     * @param builtIns the built-in stores by name, made on first use
     * @param provided the stores given on the builder, by name; they replace built-ins of the same name
     * @param tierBytes the in-memory tier's bound in stored bytes; 0 turns it off
     */
    public Results(Map<String, Supplier<ResultStore>> builtIns, Map<String, ResultStore> provided, String defaultStore,
                   SerializerRegistry serializers, String defaultSerializer, long tierBytes, boolean refreshAll) {
        Map<String, Store> named = new LinkedHashMap<>();
        builtIns.forEach((name, factory) -> named.put(name, new Store(factory)));
        provided.forEach((name, store) -> named.put(name, new Store(store)));
        this.stores = Collections.unmodifiableMap(named);
        if (!this.stores.containsKey(defaultStore)) {
            throw new InvalidDefinitionException("the default result store '" + defaultStore + "' is not registered; the stores are "
                    + this.stores.keySet());
        }
        this.defaultStore = defaultStore;
        this.serializers = serializers;
        this.defaultSerializer = defaultSerializer;
        serializers.named(defaultSerializer);
        this.refreshAll = refreshAll;
        this.tier = tierBytes <= 0 ? null : Caffeine.newBuilder()
                .maximumWeight(tierBytes)
                .executor(Runnable::run)
                .weigher((TierKey key, TierEntry e) -> (int) Math.max(1, Math.min(Integer.MAX_VALUE, e.size)))
                .build();
    }

    public String defaultStoreName() {
        return defaultStore;
    }

    public String defaultSerializerName() {
        return defaultSerializer;
    }

    public boolean refreshAll() {
        return refreshAll;
    }

    /** Notes that a task with a cache policy exists, whose keys may take upstream runs' lineage. */
    void noteCachingDefined() {
        cachingDefined = true;
    }

    /**
     * Whether a cached task has been defined on this Rivulet (by a stub, a call's options or a flow's
     * task defaults): until then no key can take a lineage, and runs save themselves working it out.
     */
    public boolean cachingDefined() {
        return cachingDefined;
    }

    /** Checks that a store of this name is registered; the message lists those that are. */
    public void checkStore(String name, String where) {
        if (!stores.containsKey(name)) {
            throw new InvalidDefinitionException(where + ": no result store is named '" + name + "'; the registered ones are "
                    + stores.keySet() + " (register it with Rivulet.builder().resultStore(\"" + name + "\", store))");
        }
    }

    public ResultStore store(String name) {
        return stores.get(name).get();
    }

    /** Whether other machines read the entries of the store called {@code name}, given a store of that name. */
    public boolean readableElsewhere(String name) {
        return store(name).readableElsewhere();
    }

    public Serializer serializer(String name) {
        return serializers.named(name);
    }

    // ---- reading ------------------------------------------------------------------------------------

    /**
     * The value cached under {@code cacheKey} and stored under {@code key} (the same, unless a
     * storage key template placed it), or {@link #MISS} when there is none, it expired, it was
     * computed for another cache key, or it cannot be used. An entry that fails its checks
     * (corrupt, truncated, foreign) is logged and removed; one that cannot be decoded here (its
     * serializer missing in this JVM, its type changed) is logged and left for the run to replace.
     * With {@code load} false, nothing asks for the value yet: an entry larger than {@link
     * #READ_WHEN_NEEDED} has only its record read (its data is opened and let go of unread), and a
     * {@link PersistedValue} is returned in place of the value, whose data is read, and checked,
     * when something loads it. A smaller entry is read now, so that damage to it is found here and
     * the run recomputes it: decoded if the policy keeps values in memory, else verified and
     * returned as a {@link PersistedValue}.
     */
    public Object lookup(ResultPolicy policy, String key, String cacheKey, boolean load) {
        TierKey tierKey = new TierKey(policy.storeName, key, cacheKey);
        if (policy.inMemory && tier != null) {
            TierEntry cached = tier.getIfPresent(tierKey);
            if (cached != null) {
                if (cached.expires == null || Instant.now().isBefore(cached.expires)) {
                    return cached.value;
                }
                tier.invalidate(tierKey);
            }
        }
        ResultStore store = policy.store();
        try (StoredResult stored = store.read(key).orElse(null)) {
            if (stored == null || !usable(policy, key, cacheKey, stored.record())) {
                return MISS;
            }
            ResultRecord record = stored.record();
            if (!load && record.size() > READ_WHEN_NEEDED) {
                return new PersistedValue(this, policy.storeName, record, policy.returnType, policy.inMemory);
            }
            if (!load && !policy.inMemory) {
                drain(stored.data());
                return new PersistedValue(this, policy.storeName, record, policy.returnType, false);
            }
            Object value = decode(store, stored, policy.returnType);
            if (policy.inMemory && tier != null) {
                tier.put(tierKey, new TierEntry(value, record.expires(), record.size()));
            }
            return value;
        } catch (IOException | RuntimeException e) {
            return unusable(policy, key, store, e);
        }
    }

    /** Whether a stored record is a hit for {@code cacheKey}: not expired, and computed for that key. */
    private static boolean usable(ResultPolicy policy, String key, String cacheKey, ResultRecord record) {
        if (record.isExpired(Instant.now())) {
            LOG.debug("Cached result of task '{}' under key {} expired at {}", policy.taskName, key, record.expires());
            return false;
        }
        if (!Objects.equals(record.cacheKey(), recordedCacheKey(key, cacheKey))) {
            LOG.debug("The result under key {} was computed for another cache key; task '{}' runs", key, policy.taskName);
            return false;
        }
        return true;
    }

    /** A miss for an entry that cannot be used: one that fails its checks is removed, one that cannot be decoded here stays. */
    private static Object unusable(ResultPolicy policy, String key, ResultStore store, Exception e) {
        if (e instanceof CorruptResultException) {
            LOG.warn("Cached result of task '{}' under key {} in {} cannot be used ({}); removing it and running the task",
                    policy.taskName, key, store.describe(), e.toString());
            removeDamaged(store, key);
        } else {
            LOG.warn("Cached result of task '{}' under key {} in {} cannot be used ({}); running the task",
                    policy.taskName, key, store.describe(), e.toString());
        }
        return MISS;
    }

    private static void removeDamaged(ResultStore store, String key) {
        try {
            store.delete(key);
        } catch (IOException | RuntimeException deleteFailure) {
            LOG.warn("Could not remove the unusable entry {} from {}", key, store.describe(), deleteFailure);
        }
    }

    /** What a record holds as its cache key: nothing when the key is where it is stored. */
    private static String recordedCacheKey(String key, String cacheKey) {
        return cacheKey == null || cacheKey.equals(key) ? null : cacheKey;
    }

    /**
     * Reads a stored value with the serializer that wrote it, keeping damage away from the
     * decoder: a length field with one bad byte can make a decoder allocate gigabytes, which ends in
     * an {@code OutOfMemoryError} before a checksum at the end could say the entry is damaged. A
     * serializer that {@link DecodesWithinInput decodes within its input} reads the bytes as they
     * stream from the store, and the checksum is checked at their end. For any other, the bytes are
     * checked first: an entry of up to {@link #CHECKED_IN_MEMORY} bytes is read into memory, checked
     * and decoded from there; a larger one is read through once to check it and opened again.
     *
     * @throws CorruptResultException if the bytes do not match the record
     */
    public Object decode(ResultStore store, StoredResult stored, Type type) throws IOException {
        ResultRecord record = stored.record();
        Serializer serializer = serializer(record.serializer());
        if (serializer instanceof DecodesWithinInput) {
            return decodeAsItStreams(serializer, stored, type);
        }
        if (record.size() <= CHECKED_IN_MEMORY) {
            byte[] bytes = new byte[(int) record.size()];
            stored.data().readNBytes(bytes, 0, bytes.length);
            drain(stored.data());  // at the end: the size and checksum are checked
            return serializer.read(new ByteArrayInputStream(bytes), type);
        }
        drain(stored.data());
        try (StoredResult again = store.read(record.key()).orElse(null)) {
            if (again == null || !again.record().equals(record)) {
                throw new ConcurrentModificationException("the entry under key " + record.key() + " in " + store.describe()
                        + " was replaced or removed while it was read");
            }
            return decodeAsItStreams(serializer, again, type);
        }
    }

    /** Decodes the bytes as they stream, then reads to their end so that the checksum is checked. */
    private static Object decodeAsItStreams(Serializer serializer, StoredResult stored, Type type) throws IOException {
        Object value;
        try {
            value = serializer.read(new RemainingInput(stored.data(), stored.record().size()), type);
        } catch (SerializationException | IOException e) {
            // Damaged bytes often fail to decode before the checksum is reached: report the damage, not a type mismatch.
            try {
                drain(stored.data());
            } catch (CorruptResultException corrupt) {
                corrupt.addSuppressed(e);
                throw corrupt;
            } catch (IOException ignored) {
                // the decoding failure below says enough
            }
            throw e;
        }
        drain(stored.data());
        return value;
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }

    /** Loads a value written earlier; used by dependents of runs that did not keep their result in memory. */
    public Object load(String storeName, ResultRecord record, Type type) {
        ResultStore store = store(storeName);
        try (StoredResult stored = store.read(record.key()).orElse(null)) {
            if (stored == null) {
                throw new RivuletException("the result of task '" + record.taskName() + "' under key " + record.key()
                        + " is gone from " + store.describe() + "; it was removed after the run wrote it");
            }
            return decode(store, stored, type);
        } catch (CorruptResultException e) {
            // A hit that was not read found damaged by its first reader: the flow's next run computes it again.
            removeDamaged(store, record.key());
            throw new RivuletException("the result of task '" + record.taskName() + "' under key " + record.key() + " in "
                    + store.describe() + " is damaged (" + e.getMessage() + "); it was removed, so the next run computes it again", e);
        } catch (IOException e) {
            throw new RivuletException("cannot read the result of task '" + record.taskName() + "' under key " + record.key()
                    + " from " + store.describe() + ": " + e.getMessage(), e);
        }
    }

    // ---- writing ------------------------------------------------------------------------------------

    /**
     * Writes a run's value under {@code key}, all or nothing; a cached value (one with a {@code
     * cacheKey}) also goes to the memory tier if the policy keeps values in memory.
     *
     * @throws SerializationException if the serializer cannot write the value; the message names the
     *     task run, the value's type and what to do
     */
    public ResultRecord write(ResultPolicy policy, String runName, String key, String cacheKey, Object value) throws IOException {
        Instant now = Instant.now();
        Instant expires = policy.expiration == null ? null : now.plus(policy.expiration);
        String javaType = value == null ? "null" : value.getClass().getName();
        ResultRecord record = new ResultRecord(key, policy.taskName, policy.serializer.name(), javaType, now, expires, 0, null,
                recordedCacheKey(key, cacheKey));
        ResultRecord written;
        try {
            written = policy.store().write(record, out -> policy.serializer.write(value, policy.returnType, out));
        } catch (SerializationException e) {
            throw new SerializationException("task run '" + runName + "' returned a " + javaType + " that serializer '"
                    + policy.serializer.name() + "' cannot write: " + e.getMessage() + ". Choose a serializer that can write it "
                    + "(@Task(serializer = \"java\") for Serializable types, or register your own with Rivulet.builder().serializer(...)), "
                    + "or do not persist this task's results", e);
        }
        if (cacheKey != null && policy.inMemory && tier != null) {
            tier.put(new TierKey(policy.storeName, key, cacheKey), new TierEntry(value, expires, written.size()));
        }
        return written;
    }

    /** Takes the lock for computing {@code key}: within this JVM, and across processes where the store can. */
    public ResultStore.KeyLock lock(ResultPolicy policy, String key) throws IOException, InterruptedException {
        String prefix = policy.storeName + '\u0000';
        Runnable releaseInJvm;
        try {
            releaseInJvm = keyLocks.lock(prefix + key);
        } catch (InterruptedException e) {
            List<String> held = keyLocks.lockedKeys().stream()
                    .filter(k -> k.startsWith(prefix) && !k.equals(prefix + key)).map(k -> k.substring(prefix.length())).toList();
            throw new KeyLockInterruptedException("interrupted while waiting for the lock on key " + key + " in "
                    + policy.store().describe() + ", held by another run of this Rivulet" + (held.isEmpty() ? "" : "; runs of this Rivulet "
                    + "hold the lock on " + String.join(", ", held) + ": if the run holding " + key + " waits for one of them, the two wait for each other"), e);
        }
        try {
            ResultStore.KeyLock storeLock = policy.store().lock(key);
            return () -> {
                try {
                    storeLock.close();
                } finally {
                    releaseInJvm.run();
                }
            };
        } catch (IOException | InterruptedException | RuntimeException e) {
            releaseInJvm.run();
            throw e;
        }
    }

    @Override
    public void close() {
        for (Map.Entry<String, Store> entry : stores.entrySet()) {
            ResultStore made = entry.getValue().store;
            if (made != null) {
                try {
                    made.close();
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Closing result store '{}' failed", entry.getKey(), e);
                }
            }
        }
        if (tier != null) {
            tier.invalidateAll();
        }
    }
}
