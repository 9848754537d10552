package org.civicdesk.portal.internal;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): HMAC-SHA1, 6 digits, 30-second steps, the
 * defaults every authenticator app reads from an otpauth URI. A code of the step before or after is accepted too,
 * for a phone clock a little off. Free of Spring.
 */
public final class TotpCodes {

    static final int DIGITS = 6;
    static final long STEP_SECONDS = 30;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TotpCodes() {
    }

    /** A new shared secret: 20 random bytes (160 bits, the size RFC 4226 recommends), in base32. */
    public static String newSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return base32(secret);
    }

    /** The code of the given counter (RFC 4226 HOTP with dynamic truncation). */
    static String hotp(byte[] key, long counter, int digits, String algorithm) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            int code = binary % (int) Math.pow(10, digits);
            return String.format("%0" + digits + "d", code);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC failed", e);
        }
    }

    /** The code at an instant (RFC 6238: counter = seconds since the epoch / step). */
    static String totp(byte[] key, Instant at, int digits, String algorithm) {
        return hotp(key, Math.floorDiv(at.getEpochSecond(), STEP_SECONDS), digits, algorithm);
    }

    /** The code an authenticator app shows now for the base32 secret. */
    public static String codeAt(String base32Secret, Instant at) {
        return totp(decodeBase32(base32Secret), at, DIGITS, "HmacSHA1");
    }

    /** Whether the code is the one of this step or of the step before or after. */
    public static boolean matches(String base32Secret, String code, Instant now) {
        return matchedStep(base32Secret, code, now).isPresent();
    }

    /**
     * The time step (30-second counter) whose code this is, looking at this step and the ones before and after;
     * empty when none. Callers refuse a step already used, so a code seen over a shoulder cannot be replayed.
     */
    public static java.util.OptionalLong matchedStep(String base32Secret, String code, Instant now) {
        if (code == null) {
            return java.util.OptionalLong.empty();
        }
        String given = code.replaceAll("\\s", "");
        if (!given.matches("[0-9]{" + DIGITS + "}")) {
            return java.util.OptionalLong.empty();
        }
        byte[] key = decodeBase32(base32Secret);
        long step = Math.floorDiv(now.getEpochSecond(), STEP_SECONDS);
        long matched = -1;
        for (int drift = -1; drift <= 1; drift++) {
            String expected = totp(key, now.plusSeconds(drift * STEP_SECONDS), DIGITS, "HmacSHA1");
            // compare every candidate in full, so the time taken does not tell which digits were right
            if (java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    given.getBytes(StandardCharsets.US_ASCII))) {
                matched = step + drift;
            }
        }
        return matched < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(matched);
    }

    /** The otpauth URI an authenticator app imports (Key Uri Format). */
    public static String otpauthUri(String issuer, String account, String base32Secret) {
        String label = enc(issuer) + ":" + enc(account);
        return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=" + enc(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String base32(byte[] data) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    static byte[] decodeBase32(String text) {
        String s = text.replaceAll("[\\s=-]", "").toUpperCase(java.util.Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(s.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : s.toCharArray()) {
            int v = BASE32.indexOf(c);
            if (v < 0) {
                throw new IllegalArgumentException("Not a base32 secret");
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) ((buffer >> (bits - 8)) & 0xff));
                bits -= 8;
            }
        }
        return java.util.Arrays.copyOf(out.array(), out.position());
    }
}
