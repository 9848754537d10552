package org.civicdesk.cashiering.files;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.civicdesk.cashiering.internal.files.Bai2Reader;
import org.civicdesk.cashiering.internal.files.MalformedPaymentFile;
import org.civicdesk.cashiering.internal.files.NachaReader;
import org.civicdesk.cashiering.internal.files.RemittanceFileParser;

/**
 * The fuzz property of the normal suite (see PaymentFileFuzzing for Jazzer): any input, random or a real
 * sample with random bytes changed, cut or repeated, either parses or is refused with MalformedPaymentFile;
 * never another exception.
 */
class PaymentFileFuzzProperties {

    private static final List<String> SAMPLES = List.of(Samples.text("nacha/ppd-debit.ach"),
            Samples.text("nacha/return-WEB.ach"), Samples.text("nacha/dishonored-return.ach"),
            Samples.text("nacha/return-no-batch-controls.ach"), Samples.text("bai2/sample1.txt"),
            Samples.text("bai2/sample2.txt"), Samples.text("bai2/sample-parseError.txt"),
            "batch_id,sequence,account_number,amount,payment_date,check_number,scan_line\n"
                    + "LB1,1,100234-5678,72.40,2026-03-02,10442,\nLB1,2,,1.00,2026-03-02,\"1,0\",1002345678 0000000042 000007240 3\n"
                    + "TRAILER,2,73.40\n");

    @Property(tries = 1500)
    void remittanceParserFailsOnlyWithItsOwnException(@ForAll("inputs") String text) {
        only(RemittanceFileParser::parse, text);
    }

    @Property(tries = 1500)
    void nachaReaderFailsOnlyWithItsOwnException(@ForAll("inputs") String text) {
        only(NachaReader::read, text);
    }

    @Property(tries = 1500)
    void bai2ReaderFailsOnlyWithItsOwnException(@ForAll("inputs") String text) {
        only(Bai2Reader::read, text);
    }

    private static void only(Consumer<String> parser, String text) {
        try {
            parser.accept(text);
        } catch (MalformedPaymentFile expected) {
            // a refusal with its line and reason is the only allowed failure
        }
    }

    @Provide
    Arbitrary<String> inputs() {
        Arbitrary<String> random = Arbitraries.strings().withChars("0123456789,/+-.\"\n\r 9RTAILERV16880349\u00e9\u0000")
                .ofMaxLength(400);
        Arbitrary<String> mutated = Arbitraries.of(SAMPLES).flatMap(sample -> Arbitraries.integers()
                .between(0, Math.max(0, sample.length() - 1)).tuple3().flatMap(t -> Arbitraries.chars()
                        .with("0123456789 ,/\n9R+-".toCharArray()).map(c -> mutate(sample, t.get1(), t.get2(), t.get3(), c))));
        return Arbitraries.oneOf(random, mutated, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)
                .map(b -> new String(b, StandardCharsets.ISO_8859_1)));
    }

    /** Changes one character, cuts the text and repeats a slice, as a damaged transfer would. */
    private static String mutate(String sample, int at, int cut, int slice, char c) {
        StringBuilder s = new StringBuilder(sample);
        s.setCharAt(at, c);
        String changed = s.toString();
        int from = Math.min(slice, cut);
        int to = Math.max(slice, cut);
        return switch (at % 3) {
            case 0 -> changed;
            case 1 -> changed.substring(0, Math.max(1, cut));
            default -> changed.substring(0, to) + changed.substring(from, to) + changed.substring(to);
        };
    }
}
