-- Name searches of two or more words (org.civicdesk.customer.internal.search). One typo changes one word of
-- a name, so the other word is still exact: these btree indexes find the customers whose first or whose last
-- word is exactly a word of the query. The name is the second key and the id is included, so the other word is
-- compared with levenshtein inside the index (an index-only scan), the table is read only for the few that
-- match, and a one-word query reads its first few people in name order straight from the index.
create extension if not exists fuzzystrmatch;

create index customer_by_first_name_word on customer (split_part(search_name, ' ', 1), search_name) include (id);
create index customer_by_last_name_word on customer (split_part(search_name, ' ', -1), search_name) include (id);
