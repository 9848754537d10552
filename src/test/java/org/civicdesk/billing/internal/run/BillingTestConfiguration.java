package org.civicdesk.billing.internal.run;

import org.civicdesk.billing.TariffBook;
import org.civicdesk.billing.Tariffs;
import org.civicdesk.billing.internal.tariff.TariffBookLoader;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Bill run tests: the demo tariff book as stored, and reads from {@link FakeBillingReads}. */
@TestConfiguration(proxyBeanMethods = false)
public class BillingTestConfiguration {

    @Bean
    @Primary
    public FakeBillingReads fakeBillingReads() {
        return new FakeBillingReads();
    }

    @Bean
    @Primary
    public Tariffs storedTariffs(JdbcClient jdbc) {
        return new Tariffs() {
            private volatile TariffBook book;

            @Override
            public TariffBook book() {
                TariffBook b = book;
                if (b == null) {
                    b = new TariffBookLoader(jdbc).load();
                    book = b;
                }
                return b;
            }
        };
    }
}
