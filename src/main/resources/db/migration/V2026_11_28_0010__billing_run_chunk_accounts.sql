-- A chunk names its accounts: the cycle's accounts are spread over the whole id range (premises of all cycles
-- interleave), so an id range of 1,000 of one cycle's accounts spans many thousands of others'.
alter table bill_run_chunk add column account_ids bigint[];
