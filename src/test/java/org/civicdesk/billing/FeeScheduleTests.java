package org.civicdesk.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import org.civicdesk.platform.Money;
import org.civicdesk.platform.RecordNotFound;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@CivicDeskTest
class FeeScheduleTests {

    @Autowired FeeSchedule fees;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    @Test
    void theDemoCityChargesTheFeesOfItsProfile() {
        LocalDate today = LocalDate.of(2026, 11, 26);
        assertThat(fees.feeOn("ACCOUNT_SETUP", today).amount()).isEqualTo(Money.of("11.00"));
        assertThat(fees.feeOn("CONNECT_GAS", today).amount()).isEqualTo(Money.of("40.00"));
        assertThat(fees.feeOn("CONNECT_SAME_DAY", today).amount()).isEqualTo(Money.of("55.00"));
        assertThat(fees.feeOn("RETURNED_PAYMENT", today).amount()).isEqualTo(Money.of("25.00"));
        assertThat(fees.allOn(today)).extracting(Fee::code).contains("CONNECT_ELECTRIC", "CONNECT_WATER");
    }

    @Test
    void aFeeChangeIsANewVersionAndTheOldAmountStillAppliesBeforeIt() {
        jdbc.sql("""
                insert into billing_fee (code, description, amount, fund_code, revenue_account, effective_from, source)
                values ('TEST_FEE_V', 'Test fee', 10.00, 'GENERAL', '4900', '2025-01-01', 'test'),
                       ('TEST_FEE_V', 'Test fee', 12.50, 'GENERAL', '4900', '2026-07-01', 'test')
                """).update();
        assertThat(fees.feeOn("TEST_FEE_V", LocalDate.of(2026, 6, 30)).amount()).isEqualTo(Money.of("10.00"));
        assertThat(fees.feeOn("TEST_FEE_V", LocalDate.of(2026, 7, 1)).amount()).isEqualTo(Money.of("12.50"));
        assertThatThrownBy(() -> fees.feeOn("TEST_FEE_V", LocalDate.of(2024, 12, 31))).isInstanceOf(RecordNotFound.class);
        assertThatThrownBy(() -> jdbc.sql("update billing_fee set amount = 1 where code = 'TEST_FEE_V'").update())
                .hasMessageContaining("append-only");
    }

    @Test
    void everyStaffRoleCanReadTheFees() throws Exception {
        mvc.perform(get("/api/v1/fees").param("date", "2026-11-26").with(httpBasic("cashier", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.code == 'ACCOUNT_SETUP')].amount").value(11.0));
    }
}
