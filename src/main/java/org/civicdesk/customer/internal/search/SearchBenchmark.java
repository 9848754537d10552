package org.civicdesk.customer.internal.search;

import static org.civicdesk.platform.BenchmarkFigures.json;
import static org.civicdesk.platform.BenchmarkFigures.percentile;
import static org.civicdesk.platform.BenchmarkFigures.round;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.civicdesk.audit.AuditActor;
import org.civicdesk.customer.AccountSearch;
import org.civicdesk.customer.AccountSearchHit;
import org.civicdesk.customer.internal.demo.DemoCityLoader;
import org.civicdesk.customer.internal.demo.DemoCityPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The search benchmark (bench/search): with civicdesk.bench=search the application generates a city of
 * civicdesk.bench.accounts accounts (unless the database already holds one), vacuums and analyzes it, warms
 * up, times a few hundred searches of each kind of key drawn from the generated data, prints one JSON object as
 * its last line and exits.
 */
@Component
@ConditionalOnProperty(name = "civicdesk.bench", havingValue = "search")
@Order(10)
class SearchBenchmark implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SearchBenchmark.class);

    private final DemoCityLoader loader;
    private final AccountSearch search;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ConfigurableApplicationContext context;
    private final TransactionTemplate tx;
    private final int accounts;
    private final int samples;

    SearchBenchmark(DemoCityLoader loader, AccountSearch search, JdbcClient jdbc, Clock clock,
            ConfigurableApplicationContext context, TransactionTemplate tx, @Value("${civicdesk.bench.accounts:1000000}") int accounts,
            @Value("${civicdesk.bench.samples:300}") int samples) {
        this.loader = loader;
        this.search = search;
        this.jdbc = jdbc;
        this.clock = clock;
        this.context = context;
        this.tx = tx;
        this.accounts = accounts;
        this.samples = samples;
    }

    /** A query, the account it was made from and the key as stored before the query varied it. */
    record Sample(String query, String expectedAccount, String source) {
    }

    @Override
    public void run(ApplicationArguments args) {
        Map<String, Object> result = new LinkedHashMap<>();
        Double loadSeconds = null;
        if (!loader.anyAccounts()) {
            loadSeconds = AuditActor.runAs("system:bench", () -> loader.load(
                    new DemoCityPlan(DemoCityPlan.DEFAULT_SEED, accounts, LocalDate.now(clock), null))).seconds();
        }
        // statistics, and the visibility map that index-only scans (names by first or last word) depend on; the
        // loader's own vacuum can leave pages unmarked, autovacuum would mark them in a running system
        jdbc.sql("vacuum (analyze)").update();
        result.put("accounts", jdbc.sql("select count(*) from account").query(Long.class).single());
        result.put("premises", jdbc.sql("select count(*) from premise").query(Long.class).single());
        result.put("load_seconds", loadSeconds == null ? null : Math.round(loadSeconds * 10) / 10.0);
        result.put("samples_per_kind", samples);

        Random random = new Random(42);
        Map<String, List<Sample>> kinds = new LinkedHashMap<>();
        kinds.put("name", draw("""
                select c.display_name as q, a.account_number from customer c join account a on a.customer_id = c.id
                 where c.kind = 'PERSON' and a.status = 'ACTIVE' order by md5(a.account_number || 'name') limit :n
                """, q -> typo(q, random)));
        kinds.put("address", draw("""
                select p.address_line1 as q, a.account_number
                  from premise p join service_agreement sa on sa.premise_id = p.id and sa.end_date is null
                  join account a on a.id = sa.account_id
                 where p.unit is null and sa.service_type = 'WATER' order by md5(a.account_number || 'address') limit :n
                """, q -> random.nextBoolean() ? q.substring(0, q.lastIndexOf(' ')) : q));
        kinds.put("account", draw("""
                select account_number as q, account_number from account order by md5(account_number || 'account') limit :n
                """, q -> random.nextBoolean() ? q.substring(0, 9) : q.substring(0, 4) + "-" + q.substring(4)));
        kinds.put("phone", draw("""
                select ph.digits as q, a.account_number from customer_phone ph join account a on a.customer_id = ph.customer_id
                 where ph.removed_at is null order by md5(a.account_number || 'phone') limit :n
                """, q -> random.nextBoolean()
                        ? "(" + q.substring(0, 3) + ") " + q.substring(3, 6) + "-" + q.substring(6)
                        : q.substring(3, 6) + "-" + q.substring(6)));
        kinds.put("email", draw("""
                select e.address as q, a.account_number from customer_email e join account a on a.customer_id = e.customer_id
                 where e.removed_at is null order by md5(a.account_number || 'email') limit :n
                """, q -> random.nextBoolean() ? q.toUpperCase(Locale.ROOT) : q));

        for (List<Sample> list : kinds.values()) {
            for (Sample s : list.subList(0, Math.min(50, list.size()))) {
                search.search(s.query(), 20);
            }
        }
        String nameQuery = SearchQueryShape.normalize(kinds.get("name").get(0).query());
        String[] words = nameQuery.split(" ");
        explain("a name search (" + nameQuery + ")", JdbcAccountSearch.withHits(JdbcAccountSearch.NAME_WORD_HITS
                .replace(":first", literal(words[0])).replace(":last", literal(words[words.length - 1]))
                .replace(":edits", Integer.toString(JdbcAccountSearch.NAME_WORD_EDITS))
                .replace(":swaps", String.join(", ", JdbcAccountSearch.swaps(nameQuery).stream()
                        .map(SearchBenchmark::literal).toList())), nameQuery, 20));
        String email = SearchQueryShape.of(kinds.get("email").get(0).query()).text();
        explain("an e-mail search (" + email + ")", JdbcAccountSearch.withHits(JdbcAccountSearch.EMAIL_HITS, email, 20));
        String phone = kinds.get("phone").stream().map(s -> SearchQueryShape.of(s.query()).digits())
                .filter(d -> d.length() == 7).findFirst().orElseThrow();
        explain("a seven-digit phone search (" + phone + ")",
                JdbcAccountSearch.withHits(JdbcAccountSearch.phoneHits(phone), phone, 20));
        for (Map.Entry<String, List<Sample>> kind : kinds.entrySet()) {
            List<Sample> list = kind.getValue();
            double[] ms = new double[list.size()];
            int found = 0;
            int sameName = 0;
            List<String> missed = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                long started = System.nanoTime();
                Sample sample = list.get(i);
                List<AccountSearchHit> hits = search.search(sample.query(), 20);
                ms[i] = (System.nanoTime() - started) / 1e6;
                if (hits.stream().anyMatch(h -> h.accountNumber().equals(sample.expectedAccount()))) {
                    found++;
                }
                // for names: someone of exactly the sought name was shown (found_pct also needs the very account)
                if (hits.stream().anyMatch(h -> h.customerName().equals(sample.source()))) {
                    sameName++;
                } else if (missed.size() < 5) {
                    missed.add(sample.query() + " (" + sample.source() + ")");
                }
            }
            Arrays.sort(ms);
            String k = kind.getKey();
            result.put(k + "_p50_ms", percentile(ms, 50));
            result.put(k + "_p95_ms", percentile(ms, 95));
            result.put(k + "_p99_ms", percentile(ms, 99));
            result.put(k + "_max_ms", round(ms[ms.length - 1]));
            result.put(k + "_found_pct", Math.round(1000.0 * found / list.size()) / 10.0);
            if (k.equals("name")) {
                result.put("name_same_name_pct", Math.round(1000.0 * sameName / list.size()) / 10.0);
                log.info("name: no one of the sought name among the hits for {}", missed);
            }
            log.info("{}: examples {}", k, list.subList(0, Math.min(3, list.size())));
        }
        System.out.flush();
        System.out.println(json(result));
        System.out.flush();
        System.exit(SpringApplication.exit(context, () -> 0));
    }

    private void explain(String what, String sql) {
        tx.executeWithoutResult(status -> log.info("Plan of {}:\n{}", what, String.join("\n",
                jdbc.sql("explain (analyze, buffers) " + sql).query(String.class).list())));
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private List<Sample> draw(String sql, Function<String, String> vary) {
        List<Sample> out = new ArrayList<>();
        jdbc.sql(sql).param("n", samples).query((rs, n) -> new Sample(vary.apply(rs.getString("q")),
                rs.getString("account_number"), rs.getString("q"))).list().forEach(out::add);
        return out;
    }

    /** One typo in a name: a letter replaced, dropped, doubled or swapped with its neighbour. */
    static String typo(String name, Random random) {
        int at = 1 + random.nextInt(Math.max(1, name.length() - 2));
        if (!Character.isLetter(name.charAt(at)) || !Character.isLetter(name.charAt(at - 1))) {
            return name;
        }
        return switch (random.nextInt(4)) {
            case 0 -> name.substring(0, at) + (char) ('a' + random.nextInt(26)) + name.substring(at + 1);
            case 1 -> name.substring(0, at) + name.substring(at + 1);
            case 2 -> name.substring(0, at) + name.charAt(at) + name.substring(at);
            default -> name.substring(0, at - 1) + name.charAt(at) + name.charAt(at - 1) + name.substring(at + 1);
        };
    }
}
