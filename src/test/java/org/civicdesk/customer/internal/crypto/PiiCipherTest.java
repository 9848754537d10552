package org.civicdesk.customer.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PiiCipherTest {

    static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
    static final String K2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    final PiiCipher cipher = new PiiCipher(K1, K2);

    @Test
    void anIdentifierIsEncryptedDifferentlyEachTimeAndDecryptsBack() {
        byte[] a = cipher.encrypt("D12345678");
        byte[] b = cipher.encrypt("D12345678");
        assertThat(a).isNotEqualTo(b);
        assertThat(new String(a)).doesNotContain("D12345678");
        assertThat(cipher.decrypt(a)).isEqualTo("D12345678");
    }

    @Test
    void aTamperedValueDoesNotDecrypt() {
        byte[] a = cipher.encrypt("123-45-6789");
        a[a.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(a)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theBlindIndexFindsTheSameNumberHoweverItWasTyped() {
        assertThat(cipher.blindIndex("DRIVER_LICENSE", "d123-456 78")).isEqualTo(cipher.blindIndex("DRIVER_LICENSE", "D12345678"));
        assertThat(cipher.blindIndex("PASSPORT", "D12345678")).isNotEqualTo(cipher.blindIndex("DRIVER_LICENSE", "D12345678"));
        assertThat(PiiCipher.last4("123-45-6789")).isEqualTo("6789");
    }

    @Test
    void theTwoKeysMustDiffer() {
        assertThatThrownBy(() -> new PiiCipher(K1, K1)).isInstanceOf(IllegalArgumentException.class);
    }
}
