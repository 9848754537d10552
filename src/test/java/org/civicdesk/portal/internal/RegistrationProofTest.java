package org.civicdesk.portal.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrationProofTest {

    private static final List<RegistrationProof.BillFact> BILLS = List.of(
            new RegistrationProof.BillFact(LocalDate.of(2026, 10, 2), new BigDecimal("84.12")),
            new RegistrationProof.BillFact(LocalDate.of(2026, 9, 2), new BigDecimal("90.00")),
            new RegistrationProof.BillFact(LocalDate.of(2026, 8, 2), new BigDecimal("77.70")),
            new RegistrationProof.BillFact(LocalDate.of(2026, 7, 2), new BigDecimal("66.60")));

    @Test
    void nameAndAmountOrDateOfOneOfTheLastThreeBills() {
        assertThat(RegistrationProof.proves("José Núñez", BILLS, "jose  nunez", new BigDecimal("84.12"), null)).isTrue();
        assertThat(RegistrationProof.proves("José Núñez", BILLS, "José Núñez", new BigDecimal("77.7"), null)).isTrue();
        assertThat(RegistrationProof.proves("José Núñez", BILLS, "José Núñez", null, LocalDate.of(2026, 9, 2))).isTrue();
        assertThat(RegistrationProof.proves("O'Brien, Kate", BILLS, "obrien kate", null, LocalDate.of(2026, 9, 2))).isTrue();
        assertThat(RegistrationProof.proves("Smith-Jones, Kate", BILLS, "smith jones kate", null, LocalDate.of(2026, 9, 2))).isTrue();
    }

    @Test
    void refusesTheFourthBillAWrongNameOrNoFact() {
        assertThat(RegistrationProof.proves("Ana Ruiz", BILLS, "Ana Ruiz", new BigDecimal("66.60"), null)).isFalse();
        assertThat(RegistrationProof.proves("Ana Ruiz", BILLS, "Ana Ruiz", null, LocalDate.of(2026, 7, 2))).isFalse();
        assertThat(RegistrationProof.proves("Ana Ruiz", BILLS, "Ana Ruiza", new BigDecimal("84.12"), null)).isFalse();
        assertThat(RegistrationProof.proves("Ana Ruiz", BILLS, "Ana Ruiz", null, null)).isFalse();
        assertThat(RegistrationProof.proves("Ana Ruiz", BILLS, "  ", new BigDecimal("84.12"), null)).isFalse();
        assertThat(RegistrationProof.proves("Ana Ruiz", List.of(), "Ana Ruiz", new BigDecimal("84.12"), null)).isFalse();
    }

    @Test
    void amountsAsPeopleTypeThem() {
        assertThat(RegistrationProof.parseAmount("$1,084.10")).isEqualByComparingTo("1084.10");
        assertThat(RegistrationProof.parseAmount(" 84.1 ")).isEqualByComparingTo("84.10");
        assertThat(RegistrationProof.parseAmount("84.123")).isNull();
        assertThat(RegistrationProof.parseAmount("eighty")).isNull();
        assertThat(RegistrationProof.parseAmount("")).isNull();
    }
}
