package org.civicdesk.billing.adjust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.civicdesk.billing.document.TestBills;
import org.civicdesk.platform.Money;
import org.civicdesk.support.CivicDeskTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The wastewater fee adjustment with tariffs.md's S1.1 ($18.75 + $3.65 per kgal of the smaller of the water used
 * and WQA x days/30): two periods billed at 6.50 kgal ($42.48 each) are corrected, compared, then posted once.
 */
@CivicDeskTest
class WastewaterAdjustmentTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    @Test
    void theDifferenceOfEachCorrectedPeriodIsShownThenPostedAsOneAdjustment() throws Exception {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        BigDecimal wqa = new BigDecimal("6.50");
        long september = TestBills.bill(jdbc, a, new TestBills.Period(LocalDate.of(2026, 8, 10), LocalDate.of(2026, 9, 9), 12, wqa,
                false), "en", Money.ZERO, Money.ZERO, null);
        long october = TestBills.bill(jdbc, a, new TestBills.Period(LocalDate.of(2026, 9, 9), LocalDate.of(2026, 10, 9), 9, wqa,
                false), "en", Money.ZERO, Money.ZERO, null);
        long sepService = wastewaterService(september);
        long octService = wastewaterService(october);
        String url = "/accounts/" + a.accountNumber() + "/wastewater-adjustment";

        mvc.perform(get(url).with(httpBasic("senior", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("$42.48")));

        String key = "ww-" + System.nanoTime();
        // September: the water was 5 kgal, not 12 -> min(5, 6.50) = 5: $18.75 + $18.25 = $37.00, -$5.48
        // October: the WQA should have been 4.00 -> min(9, 4.00) = 4.00: $18.75 + $14.60 = $33.35, -$9.13
        mvc.perform(post(url).with(httpBasic("senior", "civicdesk-demo")).param("requestKey", key)
                        .param("volume-" + sepService, "5").param("wqa-" + octService, "4.00").param("action", "preview"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("37.00")))
                .andExpect(content().string(Matchers.containsString("-5.48")))
                .andExpect(content().string(Matchers.containsString("33.35")))
                .andExpect(content().string(Matchers.containsString("-9.13")))
                .andExpect(content().string(Matchers.containsString("-$14.61")));
        assertThat(count(a)).isZero();

        mvc.perform(post(url).with(httpBasic("senior", "civicdesk-demo")).param("requestKey", key)
                        .param("volume-" + sepService, "5").param("wqa-" + octService, "4.00")
                        .param("note", "Pool fill on a separate meter; WQA corrected").param("action", "confirm"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flash", Matchers.containsString("-$14.61 posted")));
        assertThat(count(a)).isEqualTo(1);
        Map<String, Object> row = jdbc.sql("""
                select amount, reason_code, fund, bill_id, jsonb_array_length(details) as periods
                  from billing_adjustment where request_key = ?""").param(key).query().singleRow();
        assertThat((BigDecimal) row.get("amount")).isEqualByComparingTo("-14.61");
        assertThat(row).containsEntry("reason_code", "WASTEWATER_VOLUME_CORRECTION").containsEntry("fund", "WASTEWATER")
                .containsEntry("periods", 2);
        assertThat(row.get("bill_id")).isNull();

        // confirming again (a second click) changes nothing
        mvc.perform(post(url).with(httpBasic("senior", "civicdesk-demo")).param("requestKey", key)
                .param("volume-" + sepService, "5").param("wqa-" + octService, "4.00")
                .param("note", "Pool fill on a separate meter; WQA corrected").param("action", "confirm"));
        assertThat(count(a)).isEqualTo(1);
    }

    @Test
    void nothingCorrectedOrABadNumberIsRefusedOnThePage() throws Exception {
        TestBills.TestAccount a = TestBills.account(jdbc, "en");
        long bill = TestBills.bill(jdbc, a, new TestBills.Period(LocalDate.of(2026, 8, 10), LocalDate.of(2026, 9, 9), 12,
                new BigDecimal("6.50"), false), "en", Money.ZERO, Money.ZERO, null);
        String url = "/accounts/" + a.accountNumber() + "/wastewater-adjustment";
        mvc.perform(post(url).with(httpBasic("senior", "civicdesk-demo")).param("requestKey", "ww-none-" + System.nanoTime())
                        .param("action", "confirm"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Enter a corrected volume")));
        mvc.perform(post(url).with(httpBasic("senior", "civicdesk-demo")).param("requestKey", "ww-bad-" + System.nanoTime())
                        .param("volume-" + wastewaterService(bill), "-3").param("action", "preview"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("not negative")));
        assertThat(count(a)).isZero();
    }

    private long wastewaterService(long billId) {
        return jdbc.sql("select id from bill_service where bill_id = ? and service_type = 'WASTEWATER'").param(billId)
                .query(Long.class).single();
    }

    private long count(TestBills.TestAccount a) {
        return jdbc.sql("select count(*) from billing_adjustment where account_id = ?").param(a.accountId())
                .query(Long.class).single();
    }
}
