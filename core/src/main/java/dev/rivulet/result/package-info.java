/**
 * Results: the {@link dev.rivulet.result.ResultStore} and {@link dev.rivulet.result.Serializer}
 * SPIs, the {@link dev.rivulet.result.Codec codecs} that compress serialized bytes, and the
 * built-in stores and serializers ({@link dev.rivulet.result.ResultStores}, {@link
 * dev.rivulet.result.Serializers}). Tasks choose stores and serializers by name; see {@link
 * dev.rivulet.Task#resultStore()} and {@link dev.rivulet.Task#serializer()}.
 */
package dev.rivulet.result;
