package org.civicdesk.billing.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import javax.sql.DataSource;
import org.civicdesk.billing.internal.document.BillDocuments;
import org.civicdesk.billrun.internal.BillRuns;
import org.civicdesk.billrun.internal.BillRunWorker;
import org.civicdesk.billrun.internal.BillingCity;
import org.civicdesk.billrun.internal.BillingTestConfiguration;
import org.civicdesk.billrun.internal.FakeBillingReads;
import org.civicdesk.support.CivicDeskTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** End to end: a bill issued by a bill run is cancelled and rebilled from its page, and both documents say so. */
@CivicDeskTest
@Import(BillingTestConfiguration.class)
@org.springframework.test.context.TestPropertySource(properties = {"civicdesk.billing.run.poll-every=PT1H",
        "civicdesk.billing.run.poll-first-after=PT1H"})
class BillCancelAndRebillPageTests {

    @Autowired BillRuns runs;
    @Autowired BillRunWorker worker;
    @Autowired FakeBillingReads reads;
    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired BillDocuments documents;

    @Test
    void theBillPageCancelsAndRebillsAnIssuedBill() throws Exception {
        BillingCity city = new BillingCity(dataSource);
        BillingCity.TestAccount a = city.account(19, "es");
        long water = city.agreement(a, "WATER", "W1.1", LocalDate.of(2026, 1, 1));
        city.agreement(a, "WASTEWATER", "S1.1", LocalDate.of(2026, 1, 1));
        city.wqa(water, LocalDate.of(2025, 4, 1), "6.50");
        reads.read(water, LocalDate.of(2026, 4, 8), 100);
        reads.read(water, LocalDate.of(2026, 5, 8), 112);
        long runId = runs.start(new BillRuns.StartRun(19, "ISSUE", LocalDate.of(2026, 5, 8), LocalDate.of(2026, 5, 9))).id();
        // the run starts at once on another thread; this one helps and waits for it to finish
        for (int i = 0; i < 240 && "RUNNING".equals(runs.run(runId).status()); i++) {
            worker.drain();
            Thread.sleep(250);
        }
        assertThat(runs.run(runId).status()).as(runs.run(runId).statusDetail()).isEqualTo("COMPLETED");
        long billId = jdbc.sql("select id from bill where account_id = ?").param(a.id()).query(Long.class).single();

        mvc.perform(get("/bills/" + billId).with(httpBasic("senior", "civicdesk-demo")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Cancel and rebill")));
        mvc.perform(post("/bills/" + billId + "/cancel-and-rebill").with(httpBasic("senior", "civicdesk-demo"))
                        .param("reason", "Read keyed wrong"))
                .andExpect(status().is3xxRedirection());
        long rebill = jdbc.sql("select id from bill where rebill_of_bill_id = ?").param(billId).query(Long.class).single();
        mvc.perform(get("/bills/" + billId).with(httpBasic("senior", "civicdesk-demo")))
                .andExpect(content().string(Matchers.containsString("Cancelled and rebilled")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("Reason (required)"))));
        mvc.perform(get("/api/v1/accounts/" + a.number() + "/bills").with(httpBasic("csr", "civicdesk-demo")))
                .andExpect(jsonPath("$[0].id").value(rebill))
                .andExpect(jsonPath("$[0].status").value("ISSUED"))
                .andExpect(jsonPath("$[1].status").value("REBILLED"))
                .andExpect(jsonPath("$[1].rebilledById").value(rebill));

        assertThat(BillDocumentTests.text(documents.pdf(billId))).contains("Esta factura fue cancelada", "Read keyed wrong");
        String replacement = BillDocumentTests.text(documents.pdf(rebill));
        assertThat(replacement).contains("Esta factura reemplaza la factura número " + billId, "$114.88");
        // a second cancellation of the same bill is refused
        mvc.perform(post("/bills/" + billId + "/cancel-and-rebill").with(httpBasic("senior", "civicdesk-demo"))
                        .param("reason", "again"))
                .andExpect(status().isConflict());
    }
}
