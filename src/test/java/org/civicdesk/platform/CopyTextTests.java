package org.civicdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.civicdesk.support.CivicDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@CivicDeskTest
class CopyTextTests {

    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactionManager;

    TransactionTemplate transactions() {
        return new TransactionTemplate(transactionManager);
    }

    @Test
    void textWithTabsNewlinesAndBackslashesNullsMoneyAndDatesArriveAsWritten() {
        List<Map<String, Object>> rows = transactions().execute(tx -> {
            jdbc.sql("create temp table copy_probe (n int, memo text, amount numeric(14,2), day date, flag boolean) on commit drop")
                    .update();
            new CopyText()
                    .add(1).add("tab\there, line\nbreak, back\\slash \\N and \r").add(Money.of("12.30"))
                    .add(LocalDate.of(2026, 11, 27)).add(true).end()
                    .add(2).add(null).add(null).add(null).add(false).end()
                    .copyInto(dataSource, "copy_probe (n, memo, amount, day, flag)");
            return jdbc.sql("select n, memo, amount, day, flag from copy_probe order by n").query().listOfRows();
        });
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("memo")).isEqualTo("tab\there, line\nbreak, back\\slash \\N and \r");
        assertThat((BigDecimal) rows.get(0).get("amount")).isEqualByComparingTo("12.30");
        assertThat(rows.get(0).get("day").toString()).isEqualTo("2026-11-27");
        assertThat(rows.get(0).get("flag")).isEqualTo(true);
        assertThat(rows.get(1).get("memo")).isNull();
        assertThat(rows.get(1).get("amount")).isNull();
    }

    @Test
    void aRefusedRowIsADataIntegrityViolationAsByInsert() {
        assertThatThrownBy(() -> transactions().executeWithoutResult(tx -> {
            jdbc.sql("create temp table copy_checked (n int not null check (n > 0)) on commit drop").update();
            new CopyText().add(-1).end().copyInto(dataSource, "copy_checked (n)");
        })).isInstanceOf(DataIntegrityViolationException.class);
    }
}
