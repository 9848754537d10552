package org.civicdesk.cashiering.internal.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.civicdesk.cashiering.CashieringFixture.*;

import java.time.LocalDate;
import java.util.List;
import org.civicdesk.cashiering.CashieringFixture.TestAccount;
import org.civicdesk.cashiering.NewPayment;
import org.civicdesk.cashiering.Payments;
import org.civicdesk.cashiering.PostedPayment;
import org.civicdesk.cashiering.TenderSource;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The rules the foreign keys to cashiering_payment gave, now checked once per statement: a tender, allocation or
 * remittance line must name a payment that exists, and payments are never deleted.
 */
@CivicDeskTest
class CashieringDatabaseRulesTests {

    @Autowired JdbcClient jdbc;
    @Autowired Payments payments;
    @Autowired java.time.Clock clock;

    private long missingPaymentId() {
        return jdbc.sql("select coalesce(max(id), 0) + 1000000 from cashiering_payment").query(Long.class).single();
    }

    @Test
    void aTenderOrAllocationNamingNoPaymentIsRefused() {
        long missing = missingPaymentId();
        assertThatThrownBy(() -> jdbc.sql("""
                insert into cashiering_payment_tender (payment_id, line_no, tender_type, amount)
                values (:p, 1, 'CASH', 5.00)""").param("p", missing).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("names payment " + missing);
        assertThatThrownBy(() -> jdbc.sql("""
                insert into cashiering_payment_allocation (payment_id, line_no, target_type, target_reference, kind,
                  fund_code, account, amount)
                values (:p, 1, 'utility-account', '1000000001', 'UNAPPLIED_CREDIT', 'GENERAL', '2300', 5.00)""")
                .param("p", missing).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("names payment " + missing);
    }

    @Test
    void aRemittanceLineNamingNoPaymentIsRefused() {
        long missing = missingPaymentId();
        assertThatThrownBy(() -> jdbc.sql("""
                with b as (insert into remittance_batch (batch_id, file_name, file_sha256, line_count, amount_total,
                             status, imported_at, imported_by)
                           values ('RULES-' || :p, 'rules.csv', repeat('a', 64), 1, 5.00, 'IMPORTING', now(), 'test') returning id)
                insert into remittance_line (batch_row_id, sequence, line_number, account_number, amount, payment_date,
                  outcome, payment_id, recorded_at)
                select b.id, 1, 2, '1000000001', 5.00, current_date, 'POSTED', :p, now() from b""")
                .param("p", missing).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("names payment " + missing);
    }

    @Test
    void paymentsAreNeverDeletedSoWhatTheirRowsNameStays() {
        signInWithAll("headcashier");
        try {
            TestAccount a = account(jdbc, "en", "ACTIVE");
            PostedPayment p = payments.post(new NewPayment(key(), TenderSource.REMITTANCE_DESK, null, LocalDate.now(clock),
                    List.of(check("12.00", "2001")), List.of(toAccount(a, "12.00")), "Rosa", null));
            assertThat(jdbc.sql("select count(*) from cashiering_payment_tender where payment_id = :id")
                    .param("id", p.paymentId()).query(Integer.class).single()).isEqualTo(1);
            assertThatThrownBy(() -> jdbc.sql("delete from cashiering_payment where id = :id").param("id", p.paymentId())
                    .update()).isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
