package org.civicdesk.cashiering.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.civicdesk.cashiering.internal.files.MalformedPaymentFile;
import org.civicdesk.cashiering.internal.files.NachaFile;
import org.civicdesk.cashiering.internal.files.NachaReader;
import org.civicdesk.cashiering.internal.files.NachaWriter;
import org.civicdesk.cashiering.internal.files.NachaDebitFile;
import org.junit.jupiter.api.Test;

class NachaFilesTests {

    @Test
    void writesThePpdDebitSampleByteForByte() {
        NachaDebitFile file = new NachaDebitFile("031300012", "0231380104", "Federal Reserve Bank", "My Bank Name",
                LocalDateTime.of(2019, 8, 16, 10, 55), 'A', "Name on Account", "231380104",
                NachaDebitFile.StandardEntryClass.PPD, "REG.SALARY",
                LocalDate.of(2019, 8, 16), "12104288",
                List.of(new NachaDebitFile.Debit("231380104", "123456789", false, 200_000_000L, "", "Debit Account", 1)));
        String written = NachaWriter.write(file);
        // the sample differs only in its reference code (12345678) and in having no final newline
        String sample = Samples.text("nacha/ppd-debit.ach").replace("My Bank Name           12345678",
                "My Bank Name                   ");
        assertThat(written.stripTrailing()).isEqualTo(sample.stripTrailing());
    }

    @Test
    void readsWhatItWrites() {
        NachaDebitFile file = new NachaDebitFile("122105278", "1234567890", "City Bank", "City of Sun Valley",
                LocalDateTime.of(2026, 11, 27, 6, 0), 'A', "SUN VALLEY UTIL", "1234567890",
                NachaDebitFile.StandardEntryClass.PPD, "UTILITY",
                LocalDate.of(2026, 11, 30), "12210527",
                List.of(new NachaDebitFile.Debit("231380104", "12345", false, 7240, "1002345678", "Ana Lopez", 1),
                        new NachaDebitFile.Debit("122105278", "998877", true, 100, "1002345679", "Bo Chen", 2)));
        NachaFile read = NachaReader.read(NachaWriter.write(file));
        assertThat(read.totalDebitCents()).isEqualTo(7340);
        assertThat(read.batches()).singleElement().satisfies(batch -> {
            assertThat(batch.secCode()).isEqualTo("PPD");
            assertThat(batch.entries()).extracting(NachaFile.Entry::traceNumber)
                    .containsExactly("122105270000001", "122105270000002");
            assertThat(batch.entries()).extracting(NachaFile.Entry::transactionCode).containsExactly("27", "37");
            assertThat(batch.entries()).extracting(NachaFile.Entry::discretionaryData).containsOnly("  ");
        });
    }

    private static NachaDebitFile web(List<NachaDebitFile.Debit> debits) {
        return new NachaDebitFile("122105278", "1860000001", "City Bank", "CITY UTILITIES",
                LocalDateTime.of(2026, 11, 27, 17, 0), 'B', "CITY UTILITIES", "1860000001",
                NachaDebitFile.StandardEntryClass.WEB, "ONLINE PMT", LocalDate.of(2026, 11, 30), "12210527", debits);
    }

    @Test
    void aWebDebitCarriesItsPaymentTypeCode() {
        NachaFile read = NachaReader.read(NachaWriter.write(web(List.of(new NachaDebitFile.Debit("231380104", "12345",
                false, 7240, "1002345678", "Ana Lopez", 5, NachaDebitFile.SINGLE_ENTRY)))));
        assertThat(read.batches()).singleElement().satisfies(batch -> {
            assertThat(batch.secCode()).isEqualTo("WEB");
            assertThat(batch.entries()).singleElement().satisfies(e -> {
                assertThat(e.discretionaryData()).isEqualTo("S ");
                assertThat(e.traceNumber()).isEqualTo("122105270000005");
            });
        });
        assertThatThrownBy(() -> NachaWriter.write(web(List.of(new NachaDebitFile.Debit("231380104", "12345", false,
                7240, "1002345678", "Ana Lopez", 5)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payment type code");
    }

    @Test
    void aFileWithoutDebitsHasNoBatch() {
        String text = NachaWriter.write(web(List.of()));
        assertThat(text.lines().map(l -> l.substring(0, 1)).toList())
                .containsExactly("1", "9", "9", "9", "9", "9", "9", "9", "9", "9");
        NachaFile read = NachaReader.read(text);
        assertThat(read.batches()).isEmpty();
        assertThat(read.totalDebitCents()).isZero();
    }

    @Test
    void readsTheReturnSampleWithR01AndR03() {
        NachaFile file = NachaReader.read(Samples.text("nacha/return-WEB.ach"));
        List<NachaFile.ReturnAddenda> returns = file.batches().stream().flatMap(b -> b.entries().stream())
                .map(e -> e.returnAddenda().orElseThrow()).toList();
        assertThat(returns).extracting(NachaFile.ReturnAddenda::returnReasonCode).containsExactly("R01", "R03");
        assertThat(returns).extracting(NachaFile.ReturnAddenda::originalTraceNumber)
                .containsExactly("091400600000001", "091400600000003");
        assertThat(returns).noneMatch(NachaFile.ReturnAddenda::dishonoredOrContested);
        assertThat(file.totalDebitCents()).isEqualTo(12354);
        assertThat(file.totalCreditCents()).isEqualTo(4565);
    }

    @Test
    void readsTheDishonoredReturnSample() {
        NachaFile file = NachaReader.read(Samples.text("nacha/dishonored-return.ach"));
        NachaFile.Entry entry = file.batches().get(0).entries().get(0);
        NachaFile.ReturnAddenda addenda = entry.returnAddenda().orElseThrow();
        assertThat(addenda.returnReasonCode()).isEqualTo("R68");
        assertThat(addenda.dishonoredOrContested()).isTrue();
        assertThat(addenda.originalReturnReasonCode()).contains("R01");
        assertThat(addenda.originalTraceNumber()).isEqualTo("059999990000301");
        assertThat(entry.amountCents()).isEqualTo(25000);
    }

    @Test
    void rejectsTheSampleWithoutBatchControls() {
        assertThatThrownBy(() -> NachaReader.read(Samples.text("nacha/return-no-batch-controls.ach")))
                .isInstanceOf(MalformedPaymentFile.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("file header");
        // with a file header, the missing batch control is named
        String withHeader = Samples.text("nacha/return-WEB.ach").lines().findFirst().orElseThrow() + "\n"
                + Samples.text("nacha/return-no-batch-controls.ach");
        assertThatThrownBy(() -> NachaReader.read(withHeader))
                .isInstanceOf(MalformedPaymentFile.class)
                .hasMessageContaining("line 5")
                .hasMessageContaining("no batch control record");
    }

    @Test
    void rejectsWrongControlTotals() {
        String sample = Samples.text("nacha/return-WEB.ach");
        String badBatchTotal = sample.replace("82000000020009140060000000012354", "82000000020009140060000000012355");
        assertThatThrownBy(() -> NachaReader.read(badBatchTotal)).isInstanceOf(MalformedPaymentFile.class)
                .hasMessageContaining("line 5").hasMessageContaining("total debit amount");
        String badHash = sample.replace("9000002000001000000040018280120", "9000002000001000000040018280121");
        assertThatThrownBy(() -> NachaReader.read(badHash)).isInstanceOf(MalformedPaymentFile.class)
                .hasMessageContaining("line 10").hasMessageContaining("entry hash");
        String badCount = sample.replace("9000002000001000000040", "9000002000001000000050");
        assertThatThrownBy(() -> NachaReader.read(badCount)).isInstanceOf(MalformedPaymentFile.class)
                .hasMessageContaining("entry and addenda count");
    }

    @Test
    void rejectsAShortRecord() {
        String sample = Samples.text("nacha/ppd-debit.ach");
        String shortened = sample.replaceFirst("Debit Account           0", "Debit Account          0");
        assertThatThrownBy(() -> NachaReader.read(shortened)).isInstanceOf(MalformedPaymentFile.class)
                .hasMessageContaining("line 3").hasMessageContaining("94 characters");
    }
}
