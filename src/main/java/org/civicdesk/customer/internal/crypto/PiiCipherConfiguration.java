package org.civicdesk.customer.internal.crypto;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The PII cipher from configuration; refuses the demo keys when demo data is off (see PiiKeyPolicy). */
@Configuration(proxyBeanMethods = false)
class PiiCipherConfiguration {

    @Bean
    PiiCipher piiCipher(@Value("${civicdesk.demo.enabled:false}") boolean demoEnabled,
            @Value("${civicdesk.pii.encryption-key:}") String encryptionKey,
            @Value("${civicdesk.pii.index-key:}") String indexKey) {
        PiiKeyPolicy.check(demoEnabled, encryptionKey, indexKey);
        return new PiiCipher(encryptionKey.trim(), indexKey.trim());
    }
}
