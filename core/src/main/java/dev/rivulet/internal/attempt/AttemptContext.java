package dev.rivulet.internal.attempt;

import java.io.Serializable;
import java.time.Duration;

/**
 * What an attempt is told of itself: plain values, so that it can be sent with the attempt to
 * wherever it runs.
 *
 * @param attempt the attempt's number, from 1
 * @param runId the id of the run it is an attempt of
 * @param runName the name of that run
 * @param timeout the limit on this attempt, null for none
 */
public record AttemptContext(int attempt, String runId, String runName, Duration timeout) implements Serializable {}
