-- E-mails that are not letters to an account (a portal login's verification and reset links): an outbox like
-- letter's. The body is cleared once sent, since it may hold a one-time link.
create table outbound_email (
  id              bigint generated always as identity primary key,
  purpose         text not null,
  email_to        text not null,
  subject         text not null,
  body            text,
  status          text not null check (status in ('QUEUED', 'SENDING', 'SENT', 'SEND_FAILED')),
  status_detail   text,
  attempts        int not null default 0,
  queued_at       timestamptz not null,
  last_attempt_at timestamptz
);
create index outbound_email_awaiting on outbound_email (status, last_attempt_at)
  where status in ('QUEUED', 'SENDING', 'SEND_FAILED');
