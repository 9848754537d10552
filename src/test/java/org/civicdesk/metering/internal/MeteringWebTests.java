package org.civicdesk.metering.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

@CivicDeskTest
class MeteringWebTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterDesk meters;
    @Autowired
    ReadDesk reads;
    @Autowired
    Clock clock;

    private record Metered(MeteringFixture.Made made, String meter, LocalDate start) {
    }

    private Metered metered(String service, boolean demand, int dials) {
        LocalDate start = LocalDate.now(clock).minusDays(120);
        long premise = MeteringFixture.premise(jdbc, 2);
        MeteringFixture.Made made = MeteringFixture.account(jdbc, premise, service, start, "COMMERCIAL");
        String meter = MeteringFixture.unique(service.substring(0, 1));
        AuditActor.runAs("test", () -> {
            meters.add(new MeterDesk.NewMeter(meter, service, null, null, dials, BigDecimal.ONE, demand, null));
            meters.install(meter, premise, start, new BigDecimal("1000"));
        });
        return new Metered(made, meter, start);
    }

    private String json(String account, String meter, Object date, String reading, String type, String demand) {
        return "{\"accountNumber\":\"" + account + "\",\"meterNumber\":\"" + meter + "\",\"readDate\":\"" + date
                + "\",\"reading\":\"" + reading + "\",\"readType\":\"" + type + "\""
                + (demand == null ? "" : ",\"demandKw\":\"" + demand + "\"") + "}";
    }

    @Test
    void aReadSentByApiIsAcceptedAndBadInputIsRefusedNamingTheField() throws Exception {
        Metered m = metered("WATER", false, 5);
        String acct = m.made().accountNumber();
        LocalDate d = m.start().plusDays(30);
        mvc.perform(post("/api/v1/reads").with(httpBasic("supervisor", "civicdesk-demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(json(acct, m.meter(), d, "1009", "actual", null)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("ACCEPTED"))
                .andExpect(jsonPath("$.usage").value(9));
        mvc.perform(get("/api/v1/meters/" + m.meter() + "/reads").with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].reading").value(1009));

        record Bad(String body, String field) {
        }
        LocalDate tomorrow = LocalDate.now(clock).plusDays(1);
        Metered other = metered("WATER", false, 5);
        for (Bad bad : new Bad[] {
                new Bad(json(acct, "NOSUCH1", d, "1", "ACTUAL", null), "meterNumber"),
                new Bad(json("0000000000", m.meter(), d, "1", "ACTUAL", null), "accountNumber"),
                new Bad(json(acct, m.meter(), tomorrow, "1", "ACTUAL", null), "readDate"),
                new Bad(json(acct, m.meter(), d, "ten", "ACTUAL", null), "reading"),
                new Bad(json(acct, m.meter(), d, "1011", "ACTUAL", "12.5"), "demandKw"),
                new Bad(json(acct, m.meter(), d, "1011", "GUESSED", null), "readType"),
                new Bad(json(acct, other.meter(), d, "1011", "ACTUAL", null), "meterNumber")}) {
            mvc.perform(post("/api/v1/reads").with(httpBasic("supervisor", "civicdesk-demo"))
                            .contentType(MediaType.APPLICATION_JSON).content(bad.body()))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(content().string(containsString("\"" + bad.field() + "\"")));
        }
    }

    @Test
    void anImportReportsEveryLineAndTheSameFileAgainChangesNothing() throws Exception {
        Metered m = metered("ELECTRIC", true, 5);
        String acct = m.made().accountNumber();
        LocalDate d1 = m.start().plusDays(30);
        LocalDate d2 = m.start().plusDays(60);
        String file = "account_number,meter_number,read_date,reading,read_type,demand_kw\n"
                + acct + "," + m.meter() + "," + d1 + ",1900,actual,45.5\n"
                + acct + "," + m.meter() + "," + d2 + ",2800,ACTUAL,50.1\n"
                + acct + "," + m.meter() + "," + d2 + ",2800,ACTUAL,50.1\n"
                + acct + "," + m.meter() + ",not-a-date,2800,ACTUAL\n"
                + acct + "," + m.meter() + "\n"
                + acct + ",NOPE99," + d2 + ",1,ACTUAL\n";
        MockMultipartFile upload = new MockMultipartFile("file", "reads-" + m.meter() + ".csv", "text/csv",
                file.getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart("/api/v1/reads/imports").file(upload).with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.lines").value(6))
                .andExpect(jsonPath("$.accepted").value(3))
                .andExpect(jsonPath("$.rejected").value(3))
                .andExpect(jsonPath("$.duplicates").value(1))
                .andExpect(jsonPath("$.results[3].field").value("read_date"))
                .andExpect(jsonPath("$.results[4].field").value("line"))
                .andExpect(jsonPath("$.results[5].field").value("meter_number"));
        int before = readCount(m.meter());
        assertThat(before).isEqualTo(3);

        mvc.perform(post("/api/v1/reads/imports").with(httpBasic("supervisor", "civicdesk-demo"))
                        .contentType("text/csv").content(file))
                .andExpect(status().isOk()).andExpect(jsonPath("$.alreadyImported").value(true));
        // the same reads in another file are not doubled either
        mvc.perform(post("/api/v1/reads/imports").with(httpBasic("supervisor", "civicdesk-demo"))
                        .contentType("text/csv").content(acct + "," + m.meter() + "," + d1 + ",1900,ACTUAL,45.5\n"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.results[0].duplicate").value(true));
        assertThat(readCount(m.meter())).isEqualTo(before);

        mvc.perform(get("/reads/import").with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(containsString("reads-" + m.meter())));
    }

    @Test
    void heldReadsAreWorkedFromTheQueueAndEveryStepIsAudited() throws Exception {
        Metered m = metered("GAS", false, 4);
        String acct = m.made().accountNumber();
        LocalDate d = m.start().plusDays(30);
        // lower than the previous and not a plausible rollover of 4 dials
        ReadDesk.Read held = AuditActor.runAs("test", () -> reads.enter(acct, m.meter(), d.toString(), "900", "ACTUAL",
                null, "SCREEN"));
        assertThat(held.status()).isEqualTo("EXCEPTION");
        assertThat(held.exceptionCode()).isEqualTo("LOWER_THAN_PREVIOUS");

        mvc.perform(get("/reads/exceptions").with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(containsString(m.meter())));
        mvc.perform(post("/reads/" + held.id() + "/reread").param("note", "check the dials")
                        .with(httpBasic("supervisor", "civicdesk-demo")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(reads.read(held.id()).openRereadId()).isNotNull();

        mvc.perform(post("/reads/" + held.id() + "/correct").param("reading", "1030").param("note", "misread 1030")
                        .with(httpBasic("supervisor", "civicdesk-demo")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(reads.read(held.id()).status()).isEqualTo("REPLACED");
        ReadDesk.Read corrected = reads.readsOfMeter(m.meter(), 1).get(0);
        assertThat(corrected.replacesReadId()).isEqualTo(held.id());
        assertThat(corrected.status()).isEqualTo("ACCEPTED");
        assertThat(jdbc.sql("select status from reread_request where read_id = ?").param(held.id())
                .query(String.class).single()).isEqualTo("CANCELLED");

        ReadDesk.Read zero = AuditActor.runAs("test", () -> reads.enter(acct, m.meter(), d.plusDays(30).toString(),
                "1030", "ACTUAL", null, "SCREEN"));
        assertThat(zero.exceptionCode()).isEqualTo("ZERO_USE");
        mvc.perform(post("/reads/" + zero.id() + "/accept").param("note", "vacant, confirmed")
                        .with(httpBasic("supervisor", "civicdesk-demo")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(reads.read(zero.id()).status()).isEqualTo("ACCEPTED");

        ReadDesk.Read early = AuditActor.runAs("test", () -> reads.enter(acct, m.meter(), d.minusDays(5).toString(),
                "1010", "ACTUAL", null, "SCREEN"));
        assertThat(early.exceptionCode()).isEqualTo("OUT_OF_ORDER");

        assertThat(jdbc.sql("select count(*) from audit_event where record_type = 'meter_read' and record_id in (?, ?)")
                .params(Long.toString(held.id()), Long.toString(zero.id())).query(Long.class).single()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void theExceptionQueueFindsTheHeldReadsOfOneMeterOrAccount() throws Exception {
        Metered one = metered("GAS", false, 4);
        Metered two = metered("GAS", false, 4);
        for (Metered m : List.of(one, two)) {
            ReadDesk.Read held = AuditActor.runAs("test", () -> reads.enter(m.made().accountNumber(), m.meter(),
                    m.start().plusDays(30).toString(), "900", "ACTUAL", null, "SCREEN"));
            assertThat(held.status()).isEqualTo("EXCEPTION");
        }
        mvc.perform(get("/reads/exceptions").param("q", one.meter().toLowerCase())
                        .with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(containsString(one.meter())))
                .andExpect(content().string(not(containsString(two.meter()))))
                .andExpect(content().string(containsString("1 reads held for")));
        mvc.perform(get("/reads/exceptions").param("q", two.made().accountNumber())
                        .with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(containsString(two.meter())))
                .andExpect(content().string(not(containsString(one.meter()))));
    }

    @Test
    void pagesAccountScreenAndSearchShowTheMeter() throws Exception {
        Metered m = metered("WATER", false, 5);
        mvc.perform(get("/meters/" + m.meter()).with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Install history")));
        mvc.perform(get("/meters").param("q", m.meter()).with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(containsString(m.meter())));
        mvc.perform(get("/accounts/" + m.made().accountNumber()).with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Meters and reads")))
                .andExpect(content().string(containsString(m.meter())));
        mvc.perform(post("/meters/" + m.meter() + "/reads").param("accountNumber", m.made().accountNumber())
                        .param("readDate", m.start().plusDays(31).toString()).param("reading", "1010")
                        .param("readType", "ACTUAL").with(httpBasic("supervisor", "civicdesk-demo")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(readCount(m.meter())).isEqualTo(2);
        mvc.perform(get("/search").param("q", m.meter()).with(httpBasic("supervisor", "civicdesk-demo")))
                .andExpect(status().isOk()).andExpect(content().string(containsString(m.made().accountNumber())));
        mvc.perform(get("/reads/exceptions").with(httpBasic("cashier", "civicdesk-demo")))
                .andExpect(status().isForbidden());
    }

    @Test
    void anExchangeIsOneTransactionAndARefusedOneLeavesNothing() throws Exception {
        Metered m = metered("WATER", false, 5);
        String spare = MeteringFixture.unique("W");
        AuditActor.runAs("test", () -> meters.add(new MeterDesk.NewMeter(spare, "WATER", null, null, 5, null, false, null)));
        LocalDate d = m.start().plusDays(10);
        // a bad initial reading refuses the whole exchange: the old meter keeps its place, no final read
        mvc.perform(post("/meters/" + m.meter() + "/exchange").param("newMeterNumber", spare)
                        .param("date", d.toString()).param("finalReading", "1005").param("initialReading", "x")
                        .with(httpBasic("supervisor", "civicdesk-demo")).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("is not a number")));
        assertThat(readCount(m.meter())).isEqualTo(1);
        mvc.perform(post("/meters/" + m.meter() + "/exchange").param("newMeterNumber", spare)
                        .param("date", d.toString()).param("finalReading", "1005").param("initialReading", "0")
                        .with(httpBasic("supervisor", "civicdesk-demo")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(meters.meter(m.meter()).premiseId()).isNull();
        assertThat(meters.meter(spare).premiseId()).isEqualTo(m.made().premiseId());
        assertThat(reads.readsOfMeter(m.meter(), 1).get(0).readType()).isEqualTo("FINAL");
        assertThat(reads.readsOfMeter(spare, 1).get(0).readType()).isEqualTo("INITIAL");
    }

    private int readCount(String meter) {
        return jdbc.sql("select count(*) from meter_read r join meter m on m.id = r.meter_id where m.meter_number = ?")
                .param(meter).query(Integer.class).single();
    }
}
