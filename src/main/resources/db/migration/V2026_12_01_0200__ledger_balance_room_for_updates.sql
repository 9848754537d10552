-- Every statement of journal lines updates the balance rows of the receivables it names (a bill run chunk a few
-- thousand, a lockbox chunk those it pays). With the pages packed full each update wrote the new row version to
-- another page and a new primary-key entry; room on the page lets PostgreSQL keep the version on the same page
-- and leave the index alone (a heap-only update). Pages written from now on keep half their room.
alter table ledger_receivable_balance set (fillfactor = 50);
