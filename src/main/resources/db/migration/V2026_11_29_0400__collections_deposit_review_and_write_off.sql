-- Credit and collections, second part: credit checks, surety bonds, what happens to a deposit after it is
-- required (credited after 12 good months, applied to the final bill with the rest refunded, a pending bond's
-- top-up), write-offs of final bills, agency referral batches and recoveries; the daily job's runs; the
-- bad-debt recovery account; the deposit letters.

-- Every fund gets a bad-debt recoveries account: a payment on a written-off account reinstates the receivable
-- against it (the payment itself stays as posted).
insert into ledger_account (fund_code, code, name, account_type, normal_balance, is_receivables_control)
select f.code, '4950', 'Bad-debt recoveries', 'REVENUE', 'CREDIT', false
from ledger_fund f
on conflict (fund_code, code) do nothing;

-- A credit check run for an account: entered by staff or returned by a credit-check provider.
create table collections_credit_check (
  id          bigint generated always as identity primary key,
  account_id  bigint not null references account(id),
  provider    text not null,
  result      text not null check (result in ('PASSED', 'FAILED')),
  reference   text not null,
  reasons     text not null,
  checked_at  timestamptz not null,
  checked_by  text not null
);
create index collections_credit_check_by_account on collections_credit_check (account_id, checked_at desc);

-- A commercial deposit whose surety bond is pending: one month was taken in cash (the deposit row), the bond
-- or the rest in cash is due by due_by (10 business days). PENDING -> RECEIVED (the cash month is credited
-- back) or LAPSED (the rest is charged).
create table collections_surety_bond (
  deposit_id     bigint primary key references collections_deposit(id),
  account_number text not null,
  full_amount    numeric(14,2) not null check (full_amount > 0),
  cash_month     numeric(14,2) not null check (cash_month > 0),
  due_by         date not null,
  status         text not null check (status in ('PENDING', 'RECEIVED', 'LAPSED')),
  status_on      date not null,
  bond_reference text,
  created_at     timestamptz not null,
  created_by     text not null
);
create index collections_surety_bond_pending on collections_surety_bond (due_by) where status = 'PENDING';

-- What happened to a deposit after it was required, one row per event and ledger entry:
-- TOP_UP (the rest charged when a bond lapsed), and at most one release: CREDITED (12 good months),
-- APPLIED (to the final bill, the rest refunded through cashiering's refund workflow), BOND_RECEIVED.
create table collections_deposit_event (
  id              bigint generated always as identity primary key,
  deposit_id      bigint not null references collections_deposit(id),
  account_number  text not null,
  kind            text not null check (kind in ('TOP_UP', 'CREDITED', 'APPLIED', 'BOND_RECEIVED')),
  business_date   date not null,
  amount          numeric(14,2) not null check (amount > 0),
  applied         numeric(14,2) not null default 0 check (applied >= 0),
  refunded        numeric(14,2) not null default 0 check (refunded >= 0),
  refund_id       bigint,
  reasons         text not null,
  ledger_entry_id bigint not null,
  created_at      timestamptz not null
);
create unique index collections_deposit_event_one_release on collections_deposit_event (deposit_id)
  where kind in ('CREDITED', 'APPLIED', 'BOND_RECEIVED');
create unique index collections_deposit_event_one_top_up on collections_deposit_event (deposit_id) where kind = 'TOP_UP';
create index collections_deposit_event_by_date on collections_deposit_event (business_date);
-- the review looks for deposits not yet released
create index collections_deposit_by_created on collections_deposit (created_at);

-- A final bill written off: the account's receivables against the allowance (1290), once per account.
-- referable is false under bankruptcy: written off, not sent to an agency.
create table collections_write_off (
  id              bigint generated always as identity primary key,
  account_id      bigint not null unique references account(id),
  account_number  text not null,
  final_bill_id   bigint not null,
  final_due_date  date not null,
  written_off_on  date not null,
  amount          numeric(14,2) not null check (amount > 0),
  by_fund         text not null,
  referable       boolean not null,
  reasons         text not null,
  ledger_entry_id bigint not null,
  created_at      timestamptz not null
);
create index collections_write_off_by_date on collections_write_off (written_off_on);

-- One agency referral batch per write-off run that has new referrals; the file is built from these rows
-- only, so a re-export gives the same bytes.
create table collections_agency_batch (
  id            bigint generated always as identity primary key,
  business_date date not null unique,
  referrals     int not null check (referrals > 0),
  total         numeric(14,2) not null check (total > 0),
  created_at    timestamptz not null
);
create table collections_agency_referral (
  write_off_id     bigint primary key references collections_write_off(id),
  batch_id         bigint not null references collections_agency_batch(id),
  account_number   text not null,
  customer_name    text not null,
  mailing_address  text not null,
  final_bill_id    bigint not null,
  final_due_date   date not null,
  written_off_on   date not null,
  amount           numeric(14,2) not null
);
create index collections_agency_referral_by_batch on collections_agency_referral (batch_id);

-- A payment on a written-off account posted as a recovery, once per payment and account.
create table collections_recovery (
  payment_id      bigint not null,
  account_number  text not null,
  write_off_id    bigint not null references collections_write_off(id),
  business_date   date not null,
  amount          numeric(14,2) not null check (amount > 0),
  ledger_entry_id bigint not null,
  created_at      timestamptz not null,
  primary key (payment_id, account_number)
);
create index collections_recovery_by_write_off on collections_recovery (write_off_id);

-- The deposit review and write-off job, once per business date (a second run finds the day done).
create table collections_job_run (
  job           text not null,
  business_date date not null,
  outcome       text not null,
  started_at    timestamptz not null,
  finished_at   timestamptz not null,
  primary key (job, business_date)
);

create trigger collections_credit_check_append_only before update or delete on collections_credit_check
  for each row execute function collections_refuse_change();
create trigger collections_deposit_event_append_only before update or delete on collections_deposit_event
  for each row execute function collections_refuse_change();
create trigger collections_write_off_append_only before update or delete on collections_write_off
  for each row execute function collections_refuse_change();
create trigger collections_agency_batch_append_only before update or delete on collections_agency_batch
  for each row execute function collections_refuse_change();
create trigger collections_agency_referral_append_only before update or delete on collections_agency_referral
  for each row execute function collections_refuse_change();
create trigger collections_recovery_append_only before update or delete on collections_recovery
  for each row execute function collections_refuse_change();

-- The deposit letters (customer's templates; placeholders amount, dueDate and message come from collections).
insert into letter_template (code, language, title, subject, body) values
('DEPOSIT_CREDITED', 'en', 'Deposit credited to your account', $t$Your deposit has been credited - account {{accountNumber}}$t$,
$t$Dear {{customerName}},

Thank you for 12 consecutive months of on-time payments on account {{accountNumber}}. Your security deposit of {{amount}} has been credited to your account on {{date}}. It will reduce your next bill; any credit left will carry forward.

{{message}}

If you have questions, call Customer Service at (480) 555-0100.$t$),
('DEPOSIT_CREDITED', 'es', 'Depósito abonado a su cuenta', $t$Su depósito ha sido abonado - cuenta {{accountNumber}}$t$,
$t$Estimado(a) {{customerName}}:

Gracias por 12 meses consecutivos de pagos puntuales en la cuenta {{accountNumber}}. Su depósito de garantía de {{amount}} fue abonado a su cuenta el {{date}}. Reducirá su próxima factura; cualquier crédito restante se aplicará después.

{{message}}

Si tiene preguntas, llame a Servicio al Cliente al (480) 555-0100.$t$),
('DEPOSIT_APPLIED', 'en', 'Deposit applied to your final bill', $t$Your deposit was applied to your final bill - account {{accountNumber}}$t$,
$t$Dear {{customerName}},

Your utility service on account {{accountNumber}} has ended. Your security deposit of {{amount}} was applied to your final bill on {{date}}.

{{message}}

If you have questions, call Customer Service at (480) 555-0100.$t$),
('DEPOSIT_APPLIED', 'es', 'Depósito aplicado a su factura final', $t$Su depósito se aplicó a su factura final - cuenta {{accountNumber}}$t$,
$t$Estimado(a) {{customerName}}:

Su servicio en la cuenta {{accountNumber}} ha terminado. Su depósito de garantía de {{amount}} se aplicó a su factura final el {{date}}.

{{message}}

Si tiene preguntas, llame a Servicio al Cliente al (480) 555-0100.$t$),
('SURETY_BOND_PENDING', 'en', 'Surety bond pending', $t$Surety bond pending - account {{accountNumber}}$t$,
$t$Dear {{customerName}},

The security deposit for account {{accountNumber}} is {{amount}}. While your surety bond is pending we have taken one month in cash. Please bring the surety bond, or pay the rest of the deposit in cash, by {{dueDate}}; after that date the rest of the deposit is charged to your account.

If you have questions, call Customer Service at (480) 555-0100.$t$),
('SURETY_BOND_PENDING', 'es', 'Fianza pendiente', $t$Fianza pendiente - cuenta {{accountNumber}}$t$,
$t$Estimado(a) {{customerName}}:

El depósito de garantía de la cuenta {{accountNumber}} es de {{amount}}. Mientras su fianza está pendiente hemos tomado un mes en efectivo. Por favor presente la fianza, o pague el resto del depósito en efectivo, a más tardar el {{dueDate}}; después de esa fecha el resto del depósito se cargará a su cuenta.

Si tiene preguntas, llame a Servicio al Cliente al (480) 555-0100.$t$);
