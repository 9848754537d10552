-- BAI2 prior-day bank statements and their reconciliation: every transaction detail (16 record) of an imported
-- file, credits matched with what the city expected the bank to credit that day (deposits, card settlements,
-- lockbox batches, autopay files). What does not match waits for research.

create table bank_statement_file (
  id              bigint generated always as identity primary key,
  file_sha256     text not null unique,
  file_name       text,
  sender          text not null,
  created_on      date not null,
  detail_count    int not null,
  imported_at     timestamptz not null,
  imported_by     text not null
);

create table bank_statement_line (
  id               bigint generated always as identity primary key,
  file_id          bigint not null references bank_statement_file(id),
  line_number      int not null,
  as_of_date       date not null,
  bank_account     text not null,
  type_code        text not null check (type_code ~ '^[0-9]{3}$'),
  credit           boolean not null,
  amount           numeric(14,2) not null check (amount >= 0),
  bank_reference   text,
  customer_reference text,
  text             text,
  match_status     text not null check (match_status in ('MATCHED','UNMATCHED','NOT_A_CREDIT','RESOLVED')),
  matched_kind     text check (matched_kind in ('DEPOSIT','CARD_SETTLEMENT','LOCKBOX','AUTOPAY')),
  matched_reference text,
  research_note    text,
  resolved_by      text,
  resolved_at      timestamptz,
  unique (file_id, line_number),
  constraint bank_statement_line_matched check ((match_status = 'MATCHED') = (matched_kind is not null))
);
create index bank_statement_line_unmatched on bank_statement_line (as_of_date) where match_status = 'UNMATCHED';
-- one bank credit per expected item
create unique index bank_statement_line_one_match on bank_statement_line (matched_kind, matched_reference)
  where match_status = 'MATCHED';
