package org.civicdesk.customer.internal.crypto;

/**
 * The demo keys are published with the source, so they protect nothing: CivicDesk refuses to start with
 * them unless demo data is on.
 */
public final class PiiKeyPolicy {

    static final String DEMO_ENCRYPTION_KEY = "XBkiSkKtcy5dMQC3MyJgNy7oBkOigv41WzFbjNagvG8=";
    static final String DEMO_INDEX_KEY = "H4bPZv5GpXcCwISlR3W9fsfRYPD7uyCS7Mj/amBrBUk=";

    private PiiKeyPolicy() {
    }

    /** Throws IllegalStateException when the keys may not be used. */
    public static void check(boolean demoEnabled, String encryptionKey, String indexKey) {
        if (encryptionKey == null || encryptionKey.isBlank() || indexKey == null || indexKey.isBlank()) {
            throw new IllegalStateException("Set civicdesk.pii.encryption-key and civicdesk.pii.index-key "
                    + "(32 random bytes each, base64)");
        }
        if (!demoEnabled && (DEMO_ENCRYPTION_KEY.equals(encryptionKey.trim()) || DEMO_INDEX_KEY.equals(indexKey.trim()))) {
            throw new IllegalStateException("The PII keys are the published demo keys; with civicdesk.demo.enabled=false "
                    + "set CIVICDESK_PII_ENCRYPTION_KEY and CIVICDESK_PII_INDEX_KEY to keys of your own");
        }
    }
}
