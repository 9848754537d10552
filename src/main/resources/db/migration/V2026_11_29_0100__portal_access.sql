-- Portal sign-up, e-mail verification, password reset, rate limits and staff help.

-- One-time links (verify an e-mail, reset a password): only the SHA-256 of the token is stored; a link works once
-- and only until it expires.
create table portal_token (
  id          bigint generated always as identity primary key,
  login_id    bigint not null references portal_login(id),
  purpose     text not null check (purpose in ('VERIFY_EMAIL', 'RESET_PASSWORD')),
  token_hash  bytea not null unique,
  created_at  timestamptz not null,
  expires_at  timestamptz not null check (expires_at > created_at),
  used_at     timestamptz
);
create index portal_token_by_login on portal_token (login_id, purpose);

-- Requests counted for rate limits (registration and reset requests per address and per e-mail); old rows pruned.
create table portal_request_log (
  id           bigint generated always as identity primary key,
  kind         text not null check (kind in ('REGISTER', 'RESET', 'LINK')),
  key          text not null,
  requested_at timestamptz not null
);
create index portal_request_log_by_key on portal_request_log (kind, key, requested_at);

-- Wrong second-factor codes in a row; at the limit the login is LOCKED until staff unlock it.
alter table portal_login add column totp_failures int not null default 0;
-- Sessions that began before this instant end at their next request (password changed or reset, unlocked).
alter table portal_login add column sessions_valid_after timestamptz;

-- Staff help a customer with their portal login from the account screen.
insert into role_permission (role, permission) values
  ('CUSTOMER_SERVICE_SPECIALIST', 'PORTAL_ASSIST'),
  ('SENIOR_SPECIALIST', 'PORTAL_ASSIST'),
  ('CUSTOMER_SERVICE_SUPERVISOR', 'PORTAL_ASSIST');
