package dev.rivulet.storage.s3.internal.results;

import dev.rivulet.result.ResultRecord;

/**
 * What the S3 result store keeps in {@code <key>.record.json}: the format, the name of the data
 * object and the result's record. Its package is opened to Jackson alone, which reads and writes it.
 *
 * @param format the document's format version
 * @param data the name of the data object the record describes
 * @param record the result's record
 */
public record ResultDocument(int format, String data, ResultRecord record) {}
