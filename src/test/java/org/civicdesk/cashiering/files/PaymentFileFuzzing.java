package org.civicdesk.cashiering.files;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.civicdesk.cashiering.internal.files.Bai2Reader;
import org.civicdesk.cashiering.internal.files.MalformedPaymentFile;
import org.civicdesk.cashiering.internal.files.NachaReader;
import org.civicdesk.cashiering.internal.files.RemittanceFileParser;

/**
 * Jazzer fuzz tests: any input either parses or is refused with the parser's own MalformedPaymentFile, never
 * another exception. Not in the normal suite (the class name does not end in Tests): once the Jazzer agent is
 * attached to the shared test JVM, classes loaded afterwards lose their parameter names and Spring tests that
 * run later fail. Run them alone: ./mvnw test -Dtest=PaymentFileFuzzing (regression mode over the seeds under
 * src/test/resources/org/civicdesk/cashiering/files/PaymentFileFuzzingInputs), with JAZZER_FUZZ=1 and one
 * method to fuzz for real. PaymentFileFuzzProperties covers the same property with jqwik in the normal suite.
 */
class PaymentFileFuzzing {

    @FuzzTest(maxDuration = "60s")
    void remittanceParserFailsOnlyWithItsOwnException(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            RemittanceFileParser.parse(text);
        } catch (MalformedPaymentFile expected) {
            // a refusal with its line and reason is the only allowed failure
        }
    }

    @FuzzTest(maxDuration = "60s")
    void nachaReaderFailsOnlyWithItsOwnException(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            NachaReader.read(text);
        } catch (MalformedPaymentFile expected) {
            // a refusal with its line and reason is the only allowed failure
        }
    }

    @FuzzTest(maxDuration = "60s")
    void bai2ReaderFailsOnlyWithItsOwnException(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            Bai2Reader.read(text);
        } catch (MalformedPaymentFile expected) {
            // a refusal with its line and reason is the only allowed failure
        }
    }
}
