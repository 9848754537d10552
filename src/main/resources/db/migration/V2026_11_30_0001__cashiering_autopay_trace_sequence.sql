-- Autopay trace numbers came from the file count (10,000 per file, 900 files): a due day with more than 9,999
-- debits ran into the next file's numbers, and the 901st file into the first's. They now come from one sequence
-- over autopay's range (1,000,001 to 9,999,999; the portal's debit file keeps 1 to 999,999), which wraps after
-- some nine million debits, years after any return of the first could arrive. A trace is unique within its file;
-- a return is matched to the latest debit that carried its trace.
create sequence autopay_trace_seq as bigint minvalue 1000001 maxvalue 9999999 start 1000001 cycle;
select setval('autopay_trace_seq', greatest(1000001, coalesce(
  (select max(substr(trace_number, 9)::bigint) from autopay_debit where substr(trace_number, 9)::bigint >= 1000001),
  1000001)), (select exists (select 1 from autopay_debit)));

alter table autopay_debit drop constraint autopay_debit_trace_number_key;
alter table autopay_debit add constraint autopay_debit_trace_in_file unique (file_id, trace_number);
create index autopay_debit_by_trace on autopay_debit (trace_number, id desc);
