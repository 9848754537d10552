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

    /** Few rows go by INSERT, many by COPY (5,000 rows: in several pieces): both must write the same values. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, CopyText.INSERT_AT_MOST + 1, 200, 5000})
    void textWithTabsNewlinesAndBackslashesNullsMoneyAndDatesArriveAsWritten(int rowCount) {
        String tricky = "tab\there, line\nbreak, back\\slash \\N and \r, Pe\u00f1a, agua \ud83d\udca7";
        List<Map<String, Object>> rows = transactions().execute(tx -> {
            jdbc.sql("create temp table copy_probe (n int, memo text, amount numeric(14,2), day date, flag boolean, "
                    + "at timestamptz, doc jsonb) on commit drop").update();
            CopyText copy = new CopyText();
            for (int i = 1; i <= rowCount; i++) {
                if (i % 2 == 1) {
                    copy.add(i).add(tricky).add(Money.of("12.30")).add(LocalDate.of(2026, 11, 27)).add(true)
                            .add(java.time.Instant.parse("2026-11-27T14:00:00Z")).add("{\"a\": \"x\\ty\"}").end();
                } else {
                    copy.add(i).add(null).add(null).add(null).add(false).add(null).add(null).end();
                }
            }
            copy.copyInto(dataSource, "copy_probe (n, memo, amount, day, flag, at, doc)");
            return jdbc.sql("select n, memo, amount, day::text as day, flag, at, doc->>'a' as a from copy_probe order by n")
                    .query().listOfRows();
        });
        assertThat(rows).hasSize(rowCount);
        assertThat(rows.get(0).get("memo")).isEqualTo(tricky);
        assertThat((BigDecimal) rows.get(0).get("amount")).isEqualByComparingTo("12.30");
        assertThat(rows.get(0).get("day")).isEqualTo("2026-11-27");
        assertThat(rows.get(0).get("flag")).isEqualTo(true);
        assertThat(((java.sql.Timestamp) rows.get(0).get("at")).toInstant()).isEqualTo(java.time.Instant.parse("2026-11-27T14:00:00Z"));
        assertThat(rows.get(0).get("a")).isEqualTo("x\ty");
        assertThat(rows.get(1).get("memo")).isNull();
        assertThat(rows.get(1).get("amount")).isNull();
        assertThat(rows.get(1).get("flag")).isEqualTo(false);
        assertThat(rows.get(rowCount - 1).get("n")).isEqualTo(rowCount);
        for (int i = 0; i < rowCount; i++) {
            assertThat(rows.get(i).get("n")).isEqualTo(i + 1);
            assertThat(rows.get(i).get("memo")).isEqualTo(i % 2 == 0 ? tricky : null);
        }
    }

    /** Bills reserve their ids from the sequence and write them: both paths put given ids into identity columns. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, CopyText.INSERT_AT_MOST + 1})
    void givenIdsGoIntoAnIdentityColumn(int rowCount) {
        List<Long> ids = transactions().execute(tx -> {
            jdbc.sql("create temp table copy_identity (id bigint generated always as identity primary key, v text) on commit drop")
                    .update();
            CopyText copy = new CopyText();
            for (int i = 0; i < rowCount; i++) {
                copy.add(1000 + i).add("v" + i).end();
            }
            copy.copyInto(dataSource, "copy_identity (id, v)");
            return jdbc.sql("select id from copy_identity order by id").query(Long.class).list();
        });
        assertThat(ids).hasSize(rowCount).first().isEqualTo(1000L);
    }

    @Test
    void aRowWithAnotherNumberOfValuesIsABug() {
        CopyText copy = new CopyText().add(1).add(2).end().add(3);
        assertThatThrownBy(copy::end).isInstanceOf(IllegalStateException.class).hasMessageContaining("Row 2 has 1 values");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, CopyText.INSERT_AT_MOST + 1})
    void aRefusedRowIsADataIntegrityViolationAsByInsert(int rowCount) {
        assertThatThrownBy(() -> transactions().executeWithoutResult(tx -> {
            jdbc.sql("create temp table copy_checked (n int not null check (n > 0)) on commit drop").update();
            CopyText copy = new CopyText();
            for (int i = 0; i < rowCount; i++) {
                copy.add(i == rowCount - 1 ? -1 : i + 1).end(); // the last row is refused
            }
            copy.copyInto(dataSource, "copy_checked (n)");
        })).isInstanceOf(DataIntegrityViolationException.class);
    }
}
