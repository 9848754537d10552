package org.civicdesk.portal.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238's test vectors (appendix B) and the portal's use of them. */
class TotpCodesTest {

    private static final byte[] SHA1_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_KEY = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_KEY =
            "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
            "59, 94287082, 46119246, 90693936",
            "1111111109, 07081804, 68084774, 25091201",
            "1111111111, 14050471, 67062674, 99943326",
            "1234567890, 89005924, 91819424, 93441116",
            "2000000000, 69279037, 90698825, 38618901",
            "20000000000, 65353130, 77737706, 47863826"})
    void rfc6238Vectors(long seconds, String sha1, String sha256, String sha512) {
        Instant at = Instant.ofEpochSecond(seconds);
        assertThat(TotpCodes.totp(SHA1_KEY, at, 8, "HmacSHA1")).isEqualTo(sha1);
        assertThat(TotpCodes.totp(SHA256_KEY, at, 8, "HmacSHA256")).isEqualTo(sha256);
        assertThat(TotpCodes.totp(SHA512_KEY, at, 8, "HmacSHA512")).isEqualTo(sha512);
    }

    @Test
    void base32RoundTripsTheRfcKey() {
        String encoded = TotpCodes.base32(SHA1_KEY);
        assertThat(encoded).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(TotpCodes.decodeBase32(encoded)).isEqualTo(SHA1_KEY);
        assertThat(TotpCodes.decodeBase32("gezd gnbv-gy3t qojq gezd gnbv gy3t qojq")).isEqualTo(SHA1_KEY);
    }

    @Test
    void acceptsTheCodeOfThisStepAndItsNeighboursOnly() {
        String secret = TotpCodes.newSecret();
        Instant now = Instant.ofEpochSecond(1_800_000_015L);
        assertThat(TotpCodes.matches(secret, TotpCodes.codeAt(secret, now), now)).isTrue();
        assertThat(TotpCodes.matches(secret, TotpCodes.codeAt(secret, now.minusSeconds(30)), now)).isTrue();
        assertThat(TotpCodes.matches(secret, TotpCodes.codeAt(secret, now.plusSeconds(30)), now)).isTrue();
        assertThat(TotpCodes.matches(secret, TotpCodes.codeAt(secret, now.minusSeconds(90)), now)).isFalse();
        assertThat(TotpCodes.matches(secret, null, now)).isFalse();
        assertThat(TotpCodes.matches(secret, "12345", now)).isFalse();
        assertThat(TotpCodes.matches(secret, "abcdef", now)).isFalse();
    }

    @Test
    void otpauthUriNamesIssuerAccountAndSecret() {
        assertThat(TotpCodes.otpauthUri("City of Mesa", "ana@example.org", "ABC"))
                .isEqualTo("otpauth://totp/City%20of%20Mesa:ana%40example.org?secret=ABC&issuer=City%20of%20Mesa"
                        + "&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void theMatchedStepIsTheCodesOwnThirtySecondCounter() {
        String secret = TotpCodes.newSecret();
        Instant now = Instant.parse("2026-11-27T10:00:10Z");
        long step = now.getEpochSecond() / 30;
        assertThat(TotpCodes.matchedStep(secret, TotpCodes.codeAt(secret, now), now)).hasValue(step);
        assertThat(TotpCodes.matchedStep(secret, TotpCodes.codeAt(secret, now.minusSeconds(30)), now)).hasValue(step - 1);
        assertThat(TotpCodes.matchedStep(secret, TotpCodes.codeAt(secret, now.plusSeconds(30)), now)).hasValue(step + 1);
        assertThat(TotpCodes.matchedStep(secret, TotpCodes.codeAt(secret, now.minusSeconds(60)), now)).isEmpty();
        assertThat(TotpCodes.matchedStep(secret, "12 34", now)).isEmpty();
    }
}
