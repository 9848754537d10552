-- Workers claim the pending chunk of lowest first account among all running runs, so runs running together
-- advance together through the account ids: a chunk's reads (accounts, agreements, premises, meters, reads,
-- receivables, last bills) then find the pages the other cycles' chunks of the same ids have just read.
create index bill_run_chunk_pending_by_account on bill_run_chunk (first_account_id, run_id, chunk_no)
  where status = 'PENDING';
