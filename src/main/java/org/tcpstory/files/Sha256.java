package org.tcpstory.files;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 hashes that key the diagram cache and the build records, as lower-case hex. */
public final class Sha256 {

    private Sha256() {
    }

    public static MessageDigest start() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Adds one field, prefixed by its length, so that no two lists of fields hash the same bytes. */
    public static void field(MessageDigest sha, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
    }

    public static String hex(MessageDigest sha) {
        return HexFormat.of().formatHex(sha.digest());
    }

    public static String of(byte[] bytes) {
        MessageDigest sha = start();
        sha.update(bytes);
        return hex(sha);
    }

    public static String of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }
}
