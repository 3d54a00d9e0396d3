package dev.rivulet.internal.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.RunKey;
import dev.rivulet.history.RunRecordException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Run records to JSON and back. A record carries its format version; one of a newer version is
 * refused rather than read in part, and fields a reader does not know are skipped, so that a
 * version can add fields without breaking readers of the same version.
 */
public final class RunRecordCodec {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(InstantText.module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private RunRecordCodec() {}

    public static byte[] encode(FlowRunRecord record) {
        try {
            return JSON.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the record of flow run '" + record.name() + "'", e);
        }
    }

    /**
     * Reads the record stored under {@code key} in {@code store}.
     *
     * @throws RunRecordException if it is not a record this version reads, naming it and why
     */
    public static FlowRunRecord decode(byte[] bytes, RunKey key, String store) {
        String where = "run record " + key.runId() + " in " + store;
        JsonNode tree;
        try {
            tree = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new RunRecordException(where + " is not valid JSON (" + firstLine(e) + "); it may have been damaged: "
                    + "delete it, or restore it from a backup", e);
        }
        if (tree == null || !tree.isObject() || !tree.path("formatVersion").canConvertToInt()) {
            throw new RunRecordException(where + " has no formatVersion field: it is not a run record", null);
        }
        int version = tree.get("formatVersion").intValue();
        if (version > FlowRunRecord.FORMAT_VERSION) {
            throw new RunRecordException(where + " was written in format version " + version + ", newer than version "
                    + FlowRunRecord.FORMAT_VERSION + ", the newest this Rivulet reads: read it with a newer rivulet-core", null);
        }
        if (version < 1) {
            throw new RunRecordException(where + " has format version " + version + "; versions start at 1", null);
        }
        try {
            FlowRunRecord record = JSON.treeToValue(tree, FlowRunRecord.class);
            if (!record.id().equals(key.runId())) {
                throw new RunRecordException(where + " holds the record of another run, " + record.id(), null);
            }
            return record;
        } catch (JacksonException | IllegalArgumentException e) {
            throw new RunRecordException(where + " is not a complete run record of format version " + version + " (" + firstLine(e)
                    + "); it may have been damaged: delete it, or restore it from a backup", e);
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
