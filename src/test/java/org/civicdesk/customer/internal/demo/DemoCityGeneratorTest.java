package org.civicdesk.customer.internal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.internal.demo.DemoCityGenerator.Counts;
import org.civicdesk.customer.internal.demo.DemoCityGenerator.FirstIds;
import org.civicdesk.customer.internal.demo.DemoCityGenerator.Table;
import org.junit.jupiter.api.Test;

class DemoCityGeneratorTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 26);
    private static final FirstIds IDS = new FirstIds(1, 1, 1, 100_000_001L);

    private static Map<Table, Appendable> generate(long seed, int accounts) {
        Map<Table, Appendable> out = DemoCityGenerator.inMemory();
        DemoCityGenerator.generate(new DemoCityPlan(seed, accounts, AS_OF, null), IDS, out);
        return out;
    }

    private static List<String[]> rows(Map<Table, Appendable> out, Table table) {
        return out.get(table).toString().lines().map(l -> l.split("\t", -1)).toList();
    }

    @Test
    void the_same_seed_gives_the_same_city_byte_for_byte() {
        Map<Table, Appendable> first = generate(7, 2_000);
        Map<Table, Appendable> second = generate(7, 2_000);
        for (Table t : Table.values()) {
            assertThat(second.get(t).toString()).as(t.table).isEqualTo(first.get(t).toString());
        }
    }

    @Test
    void another_seed_gives_another_city() {
        assertThat(generate(8, 500).get(Table.CUSTOMER).toString())
                .isNotEqualTo(generate(9, 500).get(Table.CUSTOMER).toString());
    }

    @Test
    void a_city_has_exactly_the_accounts_asked_for_with_valid_numbers_and_a_few_closed() {
        Map<Table, Appendable> out = DemoCityGenerator.inMemory();
        Counts counts = DemoCityGenerator.generate(new DemoCityPlan(11, 5_000, AS_OF, null), IDS, out);
        List<String[]> accounts = rows(out, Table.ACCOUNT);
        assertThat(accounts).hasSize(5_000);
        assertThat(counts.accounts()).isEqualTo(5_000);
        assertThat(accounts).allSatisfy(a -> assertThat(AccountNumber.problem(a[1])).isEmpty());
        assertThat(accounts.stream().map(a -> a[1]).distinct().count()).isEqualTo(5_000);
        long closed = accounts.stream().filter(a -> a[4].equals("CLOSED")).count();
        assertThat(closed).isBetween(50L, 400L).isEqualTo(counts.closedAccounts());
        assertThat(counts.customers()).isEqualTo(5_000);
        assertThat(rows(out, Table.CUSTOMER)).hasSize(5_000);
    }

    @Test
    void the_mix_follows_the_city_profile_electric_downtown_gas_for_some_water_almost_everywhere() {
        Map<Table, Appendable> out = DemoCityGenerator.inMemory();
        Counts counts = DemoCityGenerator.generate(new DemoCityPlan(12, 20_000, AS_OF, null), IDS, out);
        List<String[]> premises = rows(out, Table.PREMISE);
        double n = premises.size();
        double electric = premises.stream().filter(p -> p[10].contains("ELECTRIC")).count() / n;
        double gas = premises.stream().filter(p -> p[10].contains("GAS")).count() / n;
        double water = premises.stream().filter(p -> p[10].contains("WATER")).count() / n;
        double irrigation = premises.stream().filter(p -> p[10].contains("IRRIGATION")).count() / n;
        double commercial = premises.stream().filter(p -> p[6].equals("COMMERCIAL")).count() / n;
        double multiUnit = premises.stream().filter(p -> p[6].equals("MULTI_UNIT")).count() / n;
        assertThat(electric).isBetween(0.03, 0.15);
        assertThat(gas).isBetween(0.30, 0.50);
        assertThat(water).isGreaterThan(0.95);
        assertThat(irrigation).isBetween(0.01, 0.15);
        assertThat(commercial).isBetween(0.04, 0.15);
        assertThat(multiUnit).isBetween(0.15, 0.50);
        assertThat(premises).allSatisfy(p -> {
            assertThat(Integer.parseInt(p[5])).isBetween(85201, 85215);
            assertThat(Integer.parseInt(p[8])).isBetween(1, 20);
        });
        List<String[]> people = rows(out, Table.CUSTOMER).stream().filter(c -> c[1].equals("PERSON")).toList();
        double spanish = people.stream().filter(c -> c[6].equals("es")).count() / (double) people.size();
        assertThat(spanish).isBetween(0.22, 0.38);
        assertThat(rows(out, Table.CUSTOMER_PHONE)).allSatisfy(p -> assertThat(p[2]).matches("(480|602)[2-9][0-9]{6}"));
        assertThat(rows(out, Table.PREMISE_OWNER)).extracting(o -> o[2]).contains("OWNER", "LANDLORD");
        List<String[]> agreements = rows(out, Table.SERVICE_AGREEMENT);
        assertThat(agreements).extracting(a -> a[3]).contains("E1.1", "E3.1", "G1.1", "W1.1", "W3.1", "S1.1",
                "R1.2", "C-BIN", "IRR");
        assertThat(agreements).allSatisfy(a -> assertThat(a[3]).isIn(
                DemoCityGenerator.rate(a[2], false), DemoCityGenerator.rate(a[2], true)));
        assertThat(counts.agreementsByService().keySet()).containsAll(Arrays.asList("ELECTRIC", "GAS", "WATER",
                "WASTEWATER", "SOLID_WASTE", "IRRIGATION"));
    }

    @Test
    void every_service_address_is_unique_as_the_premise_table_requires() {
        List<String[]> premises = rows(generate(13, 20_000), Table.PREMISE);
        assertThat(premises.stream().map(p -> p[1].toLowerCase() + "|" + p[2] + "|" + p[5]).distinct().count())
                .isEqualTo(premises.size());
    }

    @Test
    void a_tag_goes_into_every_street_name_and_e_mail_domain() {
        Map<Table, Appendable> out = DemoCityGenerator.inMemory();
        DemoCityGenerator.generate(new DemoCityPlan(14, 300, AS_OF, "Zorblat"), IDS, out);
        assertThat(rows(out, Table.PREMISE)).allSatisfy(p -> assertThat(p[1]).contains(" Zorblat "));
        assertThat(rows(out, Table.CUSTOMER_EMAIL)).allSatisfy(e -> assertThat(e[1]).endsWith("@zorblat.example.com"));
    }
}
