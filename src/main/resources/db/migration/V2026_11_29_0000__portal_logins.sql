-- The public's portal logins, apart from staff users. A login is an e-mail address and a password; the accounts
-- it may see are linked one by one (proof: account number, name on the bill and one fact from a recent bill).
create table portal_login (
  id                 bigint generated always as identity primary key,
  email              text not null check (email = lower(email) and email like '%@%'),
  display_name       text not null,
  password_hash      text not null,
  language           text not null default 'en' check (language in ('en', 'es')),
  status             text not null default 'PENDING_EMAIL'
                       check (status in ('PENDING_EMAIL', 'ACTIVE', 'LOCKED', 'DISABLED')),
  email_verified_at  timestamptz,
  -- TOTP second factor (optional): the shared secret, encrypted like other personal identifiers
  totp_secret        bytea,
  totp_enabled_at    timestamptz,
  created_at         timestamptz not null,
  last_signed_in_at  timestamptz,
  password_changed_at timestamptz not null
);
create unique index portal_login_email on portal_login (email);

-- Which accounts a login may see. OWNER links are a landlord's or owner's view of premises they own.
create table portal_login_account (
  login_id        bigint not null references portal_login(id),
  account_number  text not null references account(account_number),
  relation        text not null default 'HOLDER' check (relation in ('HOLDER', 'OWNER')),
  linked_at       timestamptz not null,
  unlinked_at     timestamptz,
  unlinked_by     text,
  primary key (login_id, account_number)
);
create index portal_login_account_by_account on portal_login_account (account_number);
