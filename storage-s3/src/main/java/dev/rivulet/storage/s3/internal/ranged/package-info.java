/**
 * The {@code s3} provider of ranged sources: {@code s3://bucket/key} read by ranged GETs on the
 * transfer engine, and which client each bucket is read with.
 */
package dev.rivulet.storage.s3.internal.ranged;
