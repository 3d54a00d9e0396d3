package dev.rivulet.assets.internal.write;

import dev.rivulet.assets.ArtifactFormat;
import java.time.Duration;
import java.util.Map;

/**
 * One call's asset: its options applied and its templates filled.
 *
 * @param name the asset's name
 * @param path the artifact's path under the root
 * @param format its format
 * @param cacheExpiration how long a materialisation stays good; null for never
 * @param snapshots whether a dated snapshot is kept of each materialisation
 * @param jsonColumnTypes column types given for reading JSON back, by name
 * @param dateFormat strptime format of JSON dates; null for ISO
 * @param timestampFormat strptime format of JSON timestamps; null for ISO
 */
public record ResolvedAsset(String name, String path, ArtifactFormat format, Duration cacheExpiration, boolean snapshots,
                     Map<String, String> jsonColumnTypes, String dateFormat, String timestampFormat) {}
