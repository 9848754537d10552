package org.civicdesk.customer.internal.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption of personal identifiers at rest (AES-256-GCM, a fresh 96-bit nonce per value, the key version in
 * the first byte so keys can be rotated) and their keyed blind index (HMAC-SHA-256 over the normalised
 * value) for exact look-ups without decrypting. Free of Spring: the keys come from configuration.
 */
public final class PiiCipher {

    private static final byte KEY_VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec indexKey;

    /** @param encryptionKeyBase64 32 bytes, base64; @param indexKeyBase64 32 bytes, base64, a different key */
    public PiiCipher(String encryptionKeyBase64, String indexKeyBase64) {
        byte[] enc = Base64.getDecoder().decode(encryptionKeyBase64);
        byte[] idx = Base64.getDecoder().decode(indexKeyBase64);
        if (enc.length != 32 || idx.length != 32) {
            throw new IllegalArgumentException("PII keys must be 32 bytes each, base64-encoded");
        }
        if (java.util.Arrays.equals(enc, idx)) {
            throw new IllegalArgumentException("The PII encryption key and the blind-index key must differ");
        }
        this.encryptionKey = new SecretKeySpec(enc, "AES");
        this.indexKey = new SecretKeySpec(idx, "HmacSHA256");
    }

    public byte[] encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(KEY_VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public String decrypt(byte[] stored) {
        if (stored == null) {
            return null;
        }
        if (stored.length < 1 + NONCE_BYTES + 16 || stored[0] != KEY_VERSION) {
            throw new IllegalStateException("Unknown key version or damaged value");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(128, stored, 1, NONCE_BYTES));
            byte[] plain = cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Decryption failed: wrong key or tampered value", e);
        }
    }

    /**
     * The blind index of an identifier: upper-cased, spaces and dashes removed, so that D123-456 and
     * d123 456 find the same document. The kind keeps equal numbers of different kinds apart.
     */
    public byte[] blindIndex(String kind, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(indexKey);
            return mac.doFinal((kind + ":" + normalise(value)).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Blind index failed", e);
        }
    }

    public static String normalise(String value) {
        return value == null ? "" : value.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
    }

    /** The last four characters, for masked display: ***-**-1234 style. */
    public static String last4(String value) {
        String n = normalise(value);
        return n.length() <= 4 ? n : n.substring(n.length() - 4);
    }
}
