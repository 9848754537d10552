-- Letters to be e-mailed go through an outbox: stored as QUEUED in the sending transaction, claimed as SENDING
-- after the commit by exactly one instance, then SENT or SEND_FAILED. Failed letters are retried a few times.
alter table letter
  add column attempts        integer not null default 0 check (attempts >= 0),
  add column last_attempt_at timestamptz;

alter table letter drop constraint letter_status_check;
alter table letter add constraint letter_status_check
  check (status in ('PRINTED', 'QUEUED', 'SENDING', 'SENT', 'SEND_FAILED'));

-- what the retry job looks for: letters still waiting, being sent, or failed
create index letter_awaiting_email on letter (status, last_attempt_at)
  where status in ('QUEUED', 'SENDING', 'SEND_FAILED');
