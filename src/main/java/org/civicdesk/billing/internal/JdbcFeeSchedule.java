package org.civicdesk.billing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.civicdesk.billing.Fee;
import org.civicdesk.billing.FeeSchedule;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

@Service
class JdbcFeeSchedule implements FeeSchedule {

    private final JdbcClient jdbc;

    JdbcFeeSchedule(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Fee feeOn(String code, LocalDate date) {
        return jdbc.sql("""
                select * from billing_fee where code = :code and effective_from <= :date
                 order by effective_from desc limit 1
                """)
                .param("code", code).param("date", date)
                .query(JdbcFeeSchedule::map).optional()
                .orElseThrow(() -> new RecordNotFound("code", "No fee " + code + " in force on " + date + "."));
    }

    @Override
    public List<Fee> allOn(LocalDate date) {
        return jdbc.sql("""
                select distinct on (code) * from billing_fee where effective_from <= :date
                 order by code, effective_from desc
                """)
                .param("date", date).query(JdbcFeeSchedule::map).list();
    }

    @Override
    public List<Fee> history() {
        return jdbc.sql("select * from billing_fee order by code, effective_from desc").query(JdbcFeeSchedule::map).list();
    }

    private static Fee map(ResultSet rs, int n) throws SQLException {
        return new Fee(rs.getString("code"), rs.getString("description"), Money.of(rs.getBigDecimal("amount")),
                rs.getString("fund_code"), rs.getString("revenue_account"),
                rs.getObject("effective_from", LocalDate.class), rs.getString("source"));
    }
}
