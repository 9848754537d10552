-- Name searches of two or more words (org.civicdesk.customer.internal.search). One typo changes one word of
-- a name, so the other word is still exact: these btree indexes find the customers whose first or whose last
-- word is exactly a word of the query. The name and id are included, so the other word is compared with
-- levenshtein inside the index (an index-only scan) and the table is read only for the few that match.
create extension if not exists fuzzystrmatch;

create index customer_by_first_name_word on customer (split_part(search_name, ' ', 1)) include (search_name, id);
create index customer_by_last_name_word on customer (split_part(search_name, ' ', -1)) include (search_name, id);
