package org.civicdesk.cashiering.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.civicdesk.cashiering.internal.files.Bai2File;
import org.civicdesk.cashiering.internal.files.Bai2Reader;
import org.civicdesk.cashiering.internal.files.MalformedPaymentFile;
import org.junit.jupiter.api.Test;

class Bai2FilesTests {

    @Test
    void readsSample1() {
        Bai2File file = Bai2Reader.read(Samples.text("bai2/sample1.txt"));
        assertThat(file.groups()).singleElement().satisfies(group -> {
            assertThat(group.asOfDate()).isEqualTo(LocalDate.of(2006, 3, 17));
            assertThat(group.accounts()).hasSize(2);
            Bai2File.AccountStatement first = group.accounts().get(0);
            assertThat(first.accountNumber()).isEqualTo("10200123456");
            assertThat(first.details()).hasSize(11);
            assertThat(first.details().get(0).text()).isEqualTo("RETURNED CHEQUE");
            assertThat(first.details().get(0).credit()).isFalse();
            assertThat(first.details().get(3).credit()).isTrue();
            assertThat(first.details().get(3).amountCents()).isEqualTo(203500);
            assertThat(first.summaries()).extracting(Bai2File.Summary::typeCode)
                    .containsExactly("040", "045", "100", "400");
        });
    }

    @Test
    void readsSample2WithContinuationsAndAvailability() {
        Bai2File file = Bai2Reader.read(Samples.text("bai2/sample2.txt"));
        assertThat(file.groups()).hasSize(4);
        Bai2File.Detail letterOfCredit = file.groups().get(1).accounts().get(0).details().get(0);
        assertThat(letterOfCredit.typeCode()).isEqualTo("218");
        assertThat(letterOfCredit.bankReference()).isEqualTo("SP4738");
        assertThat(letterOfCredit.customerReference()).isEqualTo("YRC065321");
        assertThat(letterOfCredit.text()).isEqualTo("PROCEEDS OF LETTER OF CREDIT FROM THE ARAMCO OIL CO");
        assertThat(file.groups().get(0).accounts().get(1).summaries()).extracting(Bai2File.Summary::amountCents)
                .containsExactly(-500000L, 1000000L, 2000000L, 500000L, 1000000L, 500000L, 500000L, -1500000L);
    }

    @Test
    void rejectsTheParseErrorSample() {
        assertThatThrownBy(() -> Bai2Reader.read(Samples.text("bai2/sample-parseError.txt")))
                .isInstanceOf(MalformedPaymentFile.class).hasMessageContaining("line 1")
                .hasMessageContaining("file header (01)");
    }

    @Test
    void rejectsControlTotalsThatDoNotMatch() {
        String sample = Samples.text("bai2/sample1.txt");
        assertThatThrownBy(() -> Bai2Reader.read(sample.replace("49,+00000000000834000,14/", "49,+00000000000834001,14/")))
                .isInstanceOf(MalformedPaymentFile.class).hasMessageContaining("line 16")
                .hasMessageContaining("account control total");
        assertThatThrownBy(() -> Bai2Reader.read(sample.replace("98,+00000000001280000,2,25/", "98,+00000000001280000,2,24/")))
                .isInstanceOf(MalformedPaymentFile.class).hasMessageContaining("group").hasMessageContaining("number of records");
        assertThatThrownBy(() -> Bai2Reader.read(sample.replace("99,+00000000001280000,1,27/", "99,+00000000001280000,2,27/")))
                .isInstanceOf(MalformedPaymentFile.class).hasMessageContaining("number of groups");
        assertThatThrownBy(() -> Bai2Reader.read(sample.replace("\n99,+00000000001280000,1,27/", "")))
                .isInstanceOf(MalformedPaymentFile.class).hasMessageContaining("file trailer (99)");
    }
}
