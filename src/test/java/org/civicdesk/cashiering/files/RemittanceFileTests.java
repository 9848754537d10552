package org.civicdesk.cashiering.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;
import org.civicdesk.cashiering.internal.files.MalformedPaymentFile;
import org.civicdesk.cashiering.internal.files.RemittanceFile;
import org.civicdesk.cashiering.internal.files.RemittanceFileParser;
import org.civicdesk.platform.Money;
import org.junit.jupiter.api.Test;

class RemittanceFileTests {

    private static final String HEADER = "batch_id,sequence,account_number,amount,payment_date,check_number,scan_line\n";

    @Test
    void readsTheDocumentedExample() {
        RemittanceFile file = RemittanceFileParser.parse(HEADER
                + "LB20260302-01,1,100234-5678,72.40,2026-03-02,10442,\n"
                + "LB20260302-01,2,,10,2026-03-02,\"10,443\",1002345678 0000000042 000007240 3\r\n");
        assertThat(file.batchId()).isEqualTo("LB20260302-01");
        assertThat(file.lines()).hasSize(2);
        assertThat(file.lines().get(0).amount()).isEqualTo(Money.of("72.40"));
        assertThat(file.lines().get(0).paymentDate()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(file.lines().get(1).checkNumber()).isEqualTo("10,443");
        assertThat(file.lines().get(1).scanLine()).isEqualTo("1002345678 0000000042 000007240 3");
        assertThat(file.actualTotals()).isEqualTo(new RemittanceFile.ControlTotals(2, Money.of("82.40")));
    }

    @Test
    void keepsZeroAndNegativeAmountsForSuspense() {
        RemittanceFile file = RemittanceFileParser.parse(HEADER + "B1,1,1002345678,0.00,2026-03-02,,\n"
                + "B1,2,1002345678,-5,2026-03-02,,\n");
        assertThat(file.lines()).extracting(RemittanceFile.Line::amount)
                .containsExactly(Money.ZERO, Money.of("-5.00"));
    }

    @Test
    void checksTheTrailerAndTheUploadTotals() {
        String body = HEADER + "B1,1,1002345678,10.00,2026-03-02,,\nB1,2,1002345679,5.25,2026-03-02,,\n";
        assertThat(RemittanceFileParser.parse(body + "TRAILER,2,15.25\n").trailer()).isPresent();
        assertThatThrownBy(() -> RemittanceFileParser.parse(body + "TRAILER,2,15.26\n"))
                .isInstanceOf(MalformedPaymentFile.class).hasMessageContaining("line 4")
                .hasMessageContaining("$15.25").hasMessageContaining("$15.26");
        assertThatThrownBy(() -> RemittanceFileParser.parse(body + "TRAILER,3,15.25\n"))
                .isInstanceOf(MalformedPaymentFile.class).hasMessageContaining("3");
        assertThatThrownBy(() -> RemittanceFileParser.parse(body,
                Optional.of(new RemittanceFile.ControlTotals(2, Money.of("15.00")))))
                .isInstanceOf(MalformedPaymentFile.class).hasMessageContaining("totals given with the upload");
    }

    @Test
    void rejectsMalformedFilesWholeWithTheLine() {
        assertThatThrownBy(() -> RemittanceFileParser.parse("batch,seq\nB1,1"))
                .isInstanceOf(MalformedPaymentFile.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> RemittanceFileParser.parse(HEADER + "B1,1,1002345678,10.00,2026-03-02,,\n"
                + "B1,2,1002345678,ten,2026-03-02,,\n"))
                .isInstanceOf(MalformedPaymentFile.class).hasMessageContaining("line 3").hasMessageContaining("amount");
        assertThatThrownBy(() -> RemittanceFileParser.parse(HEADER + "B1,1,1002345678,10.00,2026-03-02,,\n"
                + "B1,1,1002345678,10.00,2026-03-02,,\n"))
                .isInstanceOf(MalformedPaymentFile.class).hasMessageContaining("line 3")
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> RemittanceFileParser.parse(HEADER + "B1,1,1002345678,10.00,2026-03-02,,\n"
                + "B2,2,1002345678,10.00,2026-03-02,,\n"))
                .isInstanceOf(MalformedPaymentFile.class).hasMessageContaining("batch");
        assertThatThrownBy(() -> RemittanceFileParser.parse(HEADER + "B1,1,1002345678,10.001,2026-03-02,,\n"))
                .isInstanceOf(MalformedPaymentFile.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> RemittanceFileParser.parse(HEADER + "B1,1,1002345678,10.00,2026-02-30,,\n"))
                .isInstanceOf(MalformedPaymentFile.class).hasMessageContaining("payment_date");
        assertThatThrownBy(() -> RemittanceFileParser.parse(HEADER))
                .isInstanceOf(MalformedPaymentFile.class).hasMessageContaining("no payment lines");
    }
}
