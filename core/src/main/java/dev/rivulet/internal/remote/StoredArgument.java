package dev.rivulet.internal.remote;

import dev.rivulet.result.ResultRecord;

/**
 * An argument sent as a reference to the result store its upstream run wrote it to, for the
 * receiver to read there, rather than as its value.
 *
 * @param store the result store's name
 * @param record what the store knows of the value
 */
public record StoredArgument(String store, ResultRecord record) {}
