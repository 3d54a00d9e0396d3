package dev.rivulet.storage.s3.internal.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What an S3 entity tag says about the bytes. For an object uploaded in one request and not
 * encrypted with KMS or a customer key, it is the hex MD5 of the content; for one uploaded in
 * {@code n} parts, the hex MD5 of the parts' binary MD5s one after the other, then {@code -n}.
 */
public final class Etags {

    private static final HexFormat HEX = HexFormat.of();

    private Etags() {}

    /** {@code etag} without the quotes S3 puts around it; null stays null. */
    public static String unquote(String etag) {
        if (etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
            return etag.substring(1, etag.length() - 1);
        }
        return etag;
    }

    /** Whether {@code etag} (quoted or not) has the form of an MD5: 32 hex digits. */
    public static boolean looksLikeMd5(String etag) {
        String bare = unquote(etag);
        if (bare == null || bare.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            if (Character.digit(bare.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    public static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
    }

    public static String hex(byte[] digest) {
        return HEX.formatHex(digest);
    }

    /** The entity tag S3 gives an object uploaded in parts with entity tags {@code partEtags}; null if one is not an MD5. */
    public static String ofParts(List<String> partEtags) {
        MessageDigest md5 = md5();
        for (String part : partEtags) {
            if (!looksLikeMd5(part)) {
                return null;
            }
            md5.update(HEX.parseHex(unquote(part)));
        }
        return hex(md5.digest()) + "-" + partEtags.size();
    }

    /** The hex MD5 of all of {@code body}. */
    public static String md5Hex(UploadBody body) throws IOException {
        MessageDigest md5 = md5();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = body.open(0, body.size())) {
            for (int n; (n = in.read(buffer)) >= 0;) {
                md5.update(buffer, 0, n);
            }
        }
        return hex(md5.digest());
    }

    /** Whether unquoted entity tags {@code a} and {@code b} are the same, ignoring case. */
    public static boolean same(String a, String b) {
        return a != null && b != null && unquote(a).equalsIgnoreCase(unquote(b));
    }
}
