-- The portal debit file numbered its traces max + 1 up to 999,999 and then refused every file. They now come from a
-- sequence over the same range that wraps, as autopay's does (autopay_trace_seq keeps 1,000,001 and up): a trace is
-- unique within its file, and a return is matched to the latest file that carried it, a million debits after any
-- return of the first could arrive.
create sequence cashiering_online_debit_trace_seq as bigint minvalue 1 maxvalue 999999 start 1 cycle;
select setval('cashiering_online_debit_trace_seq',
  coalesce((select max(substr(trace_number, 9)::bigint) from cashiering_online_debit_entry), 1),
  (select exists (select 1 from cashiering_online_debit_entry)));

alter table cashiering_online_debit_entry drop constraint cashiering_online_debit_entry_trace_number_key;
alter table cashiering_online_debit_entry add constraint cashiering_online_debit_entry_trace_in_file
  unique (file_id, trace_number);
create index cashiering_online_debit_entry_by_trace on cashiering_online_debit_entry (trace_number, file_id desc);
