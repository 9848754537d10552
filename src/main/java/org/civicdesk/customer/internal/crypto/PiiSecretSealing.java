package org.civicdesk.customer.internal.crypto;

import org.civicdesk.customer.SecretSealing;
import org.springframework.stereotype.Component;

/** {@link SecretSealing} by the PII cipher. */
@Component
class PiiSecretSealing implements SecretSealing {

    private final PiiCipher cipher;

    PiiSecretSealing(PiiCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public byte[] seal(String clear) {
        return cipher.encrypt(clear);
    }

    @Override
    public String open(byte[] sealed) {
        return cipher.decrypt(sealed);
    }
}
