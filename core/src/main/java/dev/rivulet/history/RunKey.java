package dev.rivulet.history;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a {@link RunStore} keeps one flow run's record: the run's id and when the run was created,
 * so that a store can list records by time without reading them.
 *
 * @param runId the flow run's id ({@link dev.rivulet.Run#id()}): letters, digits, {@code -} and {@code _}
 * @param created when the flow run was created, to the microsecond
 */
public record RunKey(String runId, Instant created) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("(\\d{8}T\\d{6}\\.\\d{6}Z)_([A-Za-z0-9_-]{1,128})\\.json");

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if {@code runId} has characters other than letters, digits,
     *     {@code -} and {@code _}, or is longer than 128
     * @throws NullPointerException if a part is null
     */
    public RunKey {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(created, "created");
        if (!ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("a run id has 1 to 128 letters, digits, '-' or '_'; was '" + runId + "'");
        }
    }

    /**
     * {@return the name a store gives the record, time first so that names sort by it:
     * {@code 20261205T031824.123456Z_<run id>.json}}
     */
    public String fileName() {
        return CREATED.format(created) + "_" + runId + ".json";
    }

    /**
     * The key a record's name stands for.
     *
     * @param fileName a name as {@link #fileName()} makes it
     * @return the key, or empty if {@code fileName} is not such a name (a temporary file, say)
     */
    public static Optional<RunKey> fromFileName(String fileName) {
        Matcher name = NAME.matcher(fileName);
        return name.matches() ? Optional.of(new RunKey(name.group(2), CREATED.parse(name.group(1), Instant::from))) : Optional.empty();
    }
}
