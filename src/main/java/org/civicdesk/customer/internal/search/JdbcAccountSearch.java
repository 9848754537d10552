package org.civicdesk.customer.internal.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicdesk.customer.AccountNumber;
import org.civicdesk.customer.AccountSearch;
import org.civicdesk.customer.AccountSearchHit;
import org.civicdesk.customer.AccountSearchKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account search in SQL. Each kind of key finds account ids with a score through its own index (the first
 * and last word of names, trigram GIN on names and addresses with a similarity threshold, the house number
 * index, phone digits, e-mail in lower case, the account number index as a range); only the best few are then
 * joined to customer, account and the current service address, so no query sorts more than its matches and
 * none reads whole tables.
 *
 * <p>A name of two or more words is first looked up by its words: one typo changes one word, so either the
 * first or the last word is exact, and the other must be within two edits (or appear in the name as a whole
 * word). A one-word name is looked up as an exact first or last word. Only when that finds nobody (for one
 * word: fewer than asked for) the trigram index ranks by word similarity.
 */
@Component
class JdbcAccountSearch implements AccountSearch {

    static final int MAX_LIMIT = 50;
    /** Word similarity a name must reach: forgives a typo or two in a first and last name. */
    static final String NAME_THRESHOLD = "0.5";
    /** Word similarity an address without a house number must reach. */
    static final String ADDRESS_THRESHOLD = "0.6";
    /** Word similarity the street of an address with a house number must reach. */
    static final double STREET_THRESHOLD = 0.45;

    /** Edits (letters replaced, dropped, added) the other word of a name may differ by; a swap is two. */
    static final int NAME_WORD_EDITS = 2;

    private static final String HITS = """
            select a.account_number, c.display_name, a.status, h.score,
                   (select p.address_line1 || coalesce(' ' || p.unit, '') || ', ' || p.city || ' ' || p.zip
                      from service_agreement sa join premise p on p.id = sa.premise_id
                     where sa.account_id = a.id
                     order by sa.end_date is null desc, sa.start_date desc, sa.id desc limit 1) as address
              from hits h join account a on a.id = h.account_id join customer c on c.id = a.customer_id
             order by h.score desc, a.status = 'CLOSED', a.account_number
             limit :limit
            """;

    static final String NAME_HITS = """
            select a.id as account_id, m.score
              from (select id, word_similarity(:q, search_name) + similarity(:q, search_name) as score
                      from customer where search_name %> :q
                     order by score desc limit :limit) m
              join account a on a.customer_id = m.id
            """;

    /**
     * Customers whose first word is the query's first word and whose last word is near the query's last word,
     * or the other way round; both halves are index-only scans on the first and last word indexes. They rank by
     * edits from the query (two letters swapped count as one, through the query's swapped variants), then by
     * trigram similarity: each edit costs more than similarity can add.
     */
    static final String NAME_WORD_HITS = """
            select a.id as account_id, m.score
              from (select id, word_similarity(:q, search_name) + similarity(:q, search_name)
                               - 2 * case when search_name in (:swaps) then 1
                                          else levenshtein_less_equal(left(search_name, 255), :q, 3) end as score
                      from (select id, search_name from customer
                             where split_part(search_name, ' ', 1) = :first
                               and (levenshtein_less_equal(left(split_part(search_name, ' ', -1), 255), :last, :edits) <= :edits
                                    or position(' ' || :last || ' ' in search_name || ' ') > 0)
                            union
                            select id, search_name from customer
                             where split_part(search_name, ' ', -1) = :last
                               and (levenshtein_less_equal(left(split_part(search_name, ' ', 1), 255), :first, :edits) <= :edits
                                    or position(' ' || :first || ' ' in ' ' || search_name) > 0)) c
                     order by score desc limit :limit) m
              join account a on a.customer_id = m.id
            """;

    /**
     * Customers with a one-word query as their first or last word, in name order: each index gives its first
     * few in order, so a common name costs no more than a rare one. The score is minus the rank.
     */
    static final String NAME_ONE_WORD_HITS = """
            select a.id as account_id, m.score
              from (select id, -row_number() over (order by search_name, id) as score
                      from ((select id, search_name from customer where split_part(search_name, ' ', 1) = :q
                              order by search_name limit :limit)
                            union
                            (select id, search_name from customer where split_part(search_name, ' ', -1) = :q
                              order by search_name limit :limit)) c
                     order by score desc limit :limit) m
              join account a on a.customer_id = m.id
            """;

    /** Longest query the name search compares letter by letter (levenshtein takes at most 255 characters). */
    static final int NAME_MAX_LENGTH = 100;

    static final String EMAIL_HITS = """
            select distinct a.id as account_id, 1.0 as score
              from customer_email e join account a on a.customer_id = e.customer_id
             where lower(e.address) = :q and e.removed_at is null
            """;

    private final JdbcClient jdbc;

    JdbcAccountSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public List<AccountSearchHit> search(String query, int limit) {
        int max = Math.max(1, Math.min(limit, MAX_LIMIT));
        SearchQueryShape shape = SearchQueryShape.of(query);
        Map<String, AccountSearchHit> hits = new LinkedHashMap<>();
        for (AccountSearchKind kind : shape.kinds()) {
            if (hits.size() >= max || (shape.fallbackOnly() && !hits.isEmpty())) {
                break;
            }
            for (AccountSearchHit hit : find(kind, shape, max)) {
                if (hits.size() < max) {
                    hits.putIfAbsent(hit.accountNumber(), hit);
                }
            }
        }
        return new ArrayList<>(hits.values());
    }

    private List<AccountSearchHit> find(AccountSearchKind kind, SearchQueryShape shape, int limit) {
        return switch (kind) {
            case ACCOUNT_NUMBER -> byAccountNumber(shape.digits(), limit);
            case PHONE -> byPhone(shape.digits(), limit);
            case EMAIL -> run(kind, EMAIL_HITS, shape.text(), limit);
            case NAME -> byName(shape.text(), limit);
            case ADDRESS -> byAddress(shape, limit);
        };
    }

    private List<AccountSearchHit> byAccountNumber(String digits, int limit) {
        if (digits.length() == 9 && digits.charAt(0) != '0') {
            digits = AccountNumber.fromSequence(Long.parseLong(digits)).value();
        }
        if (digits.length() == 10) {
            return run(AccountSearchKind.ACCOUNT_NUMBER,
                    "select id as account_id, 1.0 as score from account where account_number = :q", digits, limit);
        }
        String upper = digits + "9".repeat(10 - digits.length());
        return jdbc.sql("with hits as (select id as account_id, 1.0 as score from account"
                        + " where account_number >= :q and account_number <= :upper order by account_number limit :limit) "
                        + HITS)
                .param("q", digits).param("upper", upper).param("limit", limit)
                .query((rs, n) -> hit(rs, AccountSearchKind.ACCOUNT_NUMBER)).list();
    }

    private List<AccountSearchHit> byName(String text, int limit) {
        String[] words = text.split(" ");
        if (words.length == 1) {
            // a common first or last name fills the page from the btree indexes in name order; a rare or
            // misspelt one is looked up by trigrams instead, which ranks the exact word first too
            List<AccountSearchHit> found = run(AccountSearchKind.NAME, NAME_ONE_WORD_HITS, text, limit);
            if (found.size() >= limit) {
                return found;
            }
        } else if (text.length() <= NAME_MAX_LENGTH) {
            List<AccountSearchHit> found = jdbc.sql("with hits as (" + NAME_WORD_HITS + ") " + HITS)
                    .param("q", text).param("swaps", swaps(text))
                    .param("first", words[0]).param("last", words[words.length - 1])
                    .param("edits", NAME_WORD_EDITS).param("limit", limit)
                    .query((rs, n) -> hit(rs, AccountSearchKind.NAME)).list();
            if (!found.isEmpty()) {
                return found;
            }
        }
        threshold("pg_trgm.word_similarity_threshold", NAME_THRESHOLD);
        return run(AccountSearchKind.NAME, NAME_HITS, text, limit);
    }

    /** The text with two neighbouring letters swapped, each way it can be done (never the text itself). */
    static List<String> swaps(String text) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 1 < text.length(); i++) {
            if (text.charAt(i) != text.charAt(i + 1)) {
                out.add(text.substring(0, i) + text.charAt(i + 1) + text.charAt(i) + text.substring(i + 2));
            }
        }
        return out.isEmpty() ? List.of(" ") : out;
    }

    private List<AccountSearchHit> byPhone(String digits, int limit) {
        return run(AccountSearchKind.PHONE, phoneHits(digits), digits, limit);
    }

    /** Accounts of customers with this phone: ten digits, or the last seven through their own index. */
    static String phoneHits(String digits) {
        String where = digits.length() == 7 ? "right(ph.digits, 7) = :q" : "ph.digits = :q";
        return """
                select distinct a.id as account_id, 1.0 as score
                  from customer_phone ph join account a on a.customer_id = ph.customer_id
                 where ph.removed_at is null and %s
                """.formatted(where);
    }

    private List<AccountSearchHit> byAddress(SearchQueryShape shape, int limit) {
        String house = shape.houseNumber();
        if (!house.isEmpty()) {
            String street = shape.street();
            List<AccountSearchHit> found = jdbc.sql("""
                    with hits as (
                      select distinct sa.account_id, m.score
                        from (select id, word_similarity(:q, search_address) as score
                                from premise
                               where split_part(search_address, ' ', 1) = :house
                                 and (:street = '' or word_similarity(:street, search_address) >= :streetThreshold)
                               order by score desc, search_address limit :limit) m
                        join service_agreement sa on sa.premise_id = m.id)
                    """ + HITS)
                    .param("q", shape.text()).param("house", house).param("street", street)
                    .param("streetThreshold", STREET_THRESHOLD).param("limit", limit)
                    .query((rs, n) -> hit(rs, AccountSearchKind.ADDRESS)).list();
            if (!found.isEmpty() || street.isEmpty()) {
                return found;
            }
        }
        threshold("pg_trgm.word_similarity_threshold", ADDRESS_THRESHOLD);
        return run(AccountSearchKind.ADDRESS, """
                select distinct sa.account_id, m.score
                  from (select id, word_similarity(:q, search_address) as score
                          from premise where search_address %> :q
                         order by score desc, search_address limit :limit) m
                  join service_agreement sa on sa.premise_id = m.id
                """, shape.text(), limit);
    }

    private void threshold(String setting, String value) {
        // the planner takes trigram similarity for cheap and would rather read a small table whole; the trigram
        // index is always the better path for these operators, so sequential scans are off for this transaction
        jdbc.sql("select set_config(:setting, :value, true), set_config('enable_seqscan', 'off', true)")
                .param("setting", setting).param("value", value).query((rs, n) -> rs.getString(1)).single();
    }

    /** The whole query of a kind, hits joined to accounts, with the query and limit written in as literals. */
    static String withHits(String hitsSql, String q, int limit) {
        return ("with hits as (" + hitsSql + ") " + HITS).replace(":q", "'" + q.replace("'", "''") + "'")
                .replace(":limit", Integer.toString(limit));
    }

    private List<AccountSearchHit> run(AccountSearchKind kind, String hitsSql, String q, int limit) {
        return jdbc.sql("with hits as (" + hitsSql + ") " + HITS)
                .param("q", q).param("limit", limit)
                .query((rs, n) -> hit(rs, kind)).list();
    }

    private static AccountSearchHit hit(java.sql.ResultSet rs, AccountSearchKind kind) throws java.sql.SQLException {
        return AccountSearchHit.of(rs.getString("account_number"), rs.getString("display_name"),
                rs.getString("address"), rs.getString("status"), kind);
    }
}
