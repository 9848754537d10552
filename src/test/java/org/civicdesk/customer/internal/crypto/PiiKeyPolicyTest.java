package org.civicdesk.customer.internal.crypto;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PiiKeyPolicyTest {

    private static final String OWN_KEY = "q2Zk3y0Qf2v6m7Yx9uVbP1s4R5t8W0aZcDeFgHiJkLm=";
    private static final String OWN_INDEX = "Zx9uVbP1s4R5t8W0aZcDeFgHiJkLmq2Zk3y0Qf2v6m7=";

    @Test
    void theDemoKeysAreRefusedWhenDemoDataIsOff() {
        assertThatThrownBy(() -> PiiKeyPolicy.check(false, PiiKeyPolicy.DEMO_ENCRYPTION_KEY, PiiKeyPolicy.DEMO_INDEX_KEY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("demo keys");
        assertThatThrownBy(() -> PiiKeyPolicy.check(false, OWN_KEY, PiiKeyPolicy.DEMO_INDEX_KEY))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theDemoKeysAreAllowedForTheDemoAndOwnKeysAlways() {
        assertThatCode(() -> PiiKeyPolicy.check(true, PiiKeyPolicy.DEMO_ENCRYPTION_KEY, PiiKeyPolicy.DEMO_INDEX_KEY))
                .doesNotThrowAnyException();
        assertThatCode(() -> PiiKeyPolicy.check(false, OWN_KEY, OWN_INDEX)).doesNotThrowAnyException();
    }

    @Test
    void missingKeysAreRefused() {
        assertThatThrownBy(() -> PiiKeyPolicy.check(true, "", OWN_INDEX)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theApplicationConfigurationCarriesTheKeysThePolicyKnowsAsDemoKeys() throws Exception {
        String yml = new String(getClass().getResourceAsStream("/application.yml").readAllBytes());
        org.assertj.core.api.Assertions.assertThat(yml).contains(PiiKeyPolicy.DEMO_ENCRYPTION_KEY, PiiKeyPolicy.DEMO_INDEX_KEY);
    }
}
