package org.civicdesk.cashiering.internal.payments;

import java.time.LocalDate;
import java.util.List;
import org.civicdesk.cashiering.PaymentHistory;
import org.civicdesk.platform.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads payments to a utility account and their returns (cashiering_payment_allocation, _reversal). */
@Service
class JdbcPaymentHistory implements PaymentHistory {

    private final JdbcClient jdbc;

    JdbcPaymentHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<AccountPayment> ofAccount(String accountNumber, LocalDate since) {
        return jdbc.sql("""
                select p.id, p.business_date, sum(a.amount), r.business_date as returned_on
                  from cashiering_payment p
                  join cashiering_payment_allocation a on a.payment_id = p.id
                  left join cashiering_payment_reversal r on r.payment_id = p.id
                 where a.target_type = 'utility-account' and a.target_reference = :n and p.business_date >= :since
                   and (r.kind is null or r.kind = 'RETURN')
                 group by p.id, p.business_date, r.business_date
                 order by p.business_date desc, p.id desc
                """).param("n", accountNumber).param("since", since)
                .query((rs, i) -> new AccountPayment(rs.getLong(1), rs.getObject(2, LocalDate.class),
                        Money.of(rs.getBigDecimal(3)), rs.getObject(4, LocalDate.class))).list();
    }

    @Override
    public java.util.Set<String> withReturnsSince(java.util.Collection<String> accountNumbers, LocalDate since) {
        if (accountNumbers.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("""
                select distinct a.target_reference
                  from cashiering_payment_reversal r
                  join cashiering_payment_allocation a on a.payment_id = r.payment_id
                 where r.kind = 'RETURN' and r.business_date >= :since
                   and a.target_type = 'utility-account' and a.target_reference = any(:refs)
                """).param("since", since).param("refs", accountNumbers.toArray(String[]::new)).query(String.class).list());
    }
}
