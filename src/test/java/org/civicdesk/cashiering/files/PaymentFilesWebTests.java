package org.civicdesk.cashiering.files;

import static org.civicdesk.cashiering.CashieringFixture.account;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.civicdesk.cashiering.CashieringFixture.TestAccount;
import org.civicdesk.support.CivicDeskTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** The payment file pages and API, with the demo users' permissions. */
@CivicDeskTest
class PaymentFilesWebTests {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired java.time.Clock clock;

    @Test
    void theHeadCashierImportsARemittanceFileThroughTheApiAndAgainChangesNothing() throws Exception {
        TestAccount a = account(jdbc, "en", "ACTIVE");
        String batch = "API" + System.nanoTime();
        byte[] csv = ("batch_id,sequence,account_number,amount,payment_date,check_number,scan_line\n" + batch + ",1,"
                + a.accountNumber() + ",12.34," + LocalDate.now(clock) + ",55,\n" + batch + ",2,0000000000,1.00,"
                + LocalDate.now(clock) + ",56,\n").getBytes(StandardCharsets.UTF_8);
        MockMultipartFile file = new MockMultipartFile("file", "lockbox.csv", "text/csv", csv);
        mvc.perform(multipart("/api/v1/remittance-files").file(file).with(httpBasic("headcashier", "civicdesk-demo")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.posted").value(1))
                .andExpect(jsonPath("$.suspended").value(1))
                .andExpect(jsonPath("$.alreadyImported").value(false));
        mvc.perform(multipart("/api/v1/remittance-files").file(file).with(httpBasic("headcashier", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.alreadyImported").value(true));
    }

    @Test
    void aMalformedFileIsA422NamingTheLine() throws Exception {
        MockMultipartFile file = new MockMultipartFile("file", "bad.csv", "text/csv",
                "batch_id,sequence,account_number,amount,payment_date,check_number,scan_line\nB,1,x,1.00,nope,,\n"
                        .getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart("/api/v1/remittance-files").file(file).with(httpBasic("headcashier", "civicdesk-demo")))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().string(Matchers.containsString("line 2")));
    }

    @Test
    void thePagesShowAndTheUploadFormReportsTheResult() throws Exception {
        for (String page : new String[] {"/cashiering/files", "/cashiering/suspense", "/cashiering/files/autopay",
                "/cashiering/files/bank-statements", "/cashiering/files/returned-checks"}) {
            mvc.perform(get(page).with(httpBasic("headcashier", "civicdesk-demo"))).andExpect(status().isOk());
        }
        mvc.perform(get("/cashiering/files").with(httpBasic("csr", "civicdesk-demo"))).andExpect(status().isForbidden());
        MockMultipartFile file = new MockMultipartFile("file", "return.ach", "text/plain",
                Samples.text("nacha/return-no-batch-controls.ach").getBytes(StandardCharsets.US_ASCII));
        mvc.perform(multipart("/cashiering/files/ach-returns").file(file).with(csrf())
                        .with(httpBasic("headcashier", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("rejected whole")));
    }

    /** The pages that redirect after an action say what was done (the walk found autopay enrolments confirmed by nothing). */
    @Test
    void thePagesThatRedirectAfterAnActionShowItsMessage() throws Exception {
        for (String page : new String[] {"/cashiering/suspense", "/cashiering/files/autopay",
                "/cashiering/files/bank-statements", "/cashiering/files/returned-checks"}) {
            mvc.perform(get(page).flashAttr("flash", "Done on " + page).with(httpBasic("headcashier", "civicdesk-demo")))
                    .andExpect(status().isOk())
                    .andExpect(content().string(Matchers.containsString("role=\"status\">Done on " + page + "</p>")));
        }
    }
}
