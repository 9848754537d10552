package org.civicdesk.ledger.internal;

import java.time.Clock;
import javax.sql.DataSource;
import org.civicdesk.audit.AuditTrail;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** Wires the JDBC ledger into the application. */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    @Bean
    JdbcLedger ledger(DataSource dataSource, PlatformTransactionManager transactions, Clock clock, AuditTrail audit,
            ApplicationEventPublisher events) {
        return new JdbcLedger(dataSource, transactions, clock, audit, events);
    }
}
