-- Customers, premises, accounts and service agreements (CC&B's words, see glossary.md).
-- Personal identifiers are encrypted by the application (AES-GCM, key from configuration); where staff must
-- find a customer by the number, a keyed blind index (HMAC-SHA-256) is stored beside it. Only the last four
-- characters are kept in clear, for masked display.

create extension if not exists pg_trgm;
create extension if not exists btree_gist;

-- Lower-case, accent-free, single-spaced text for typo-tolerant search.
create function customer_search_text(t text) returns text language sql immutable parallel safe as $$
  select trim(regexp_replace(lower(translate(coalesce(t, ''),
    'ÁÀÂÄÃÅáàâäãåÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÖÕóòôöõÚÙÛÜúùûüÑñÇç',
    'AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOoooooUUUUuuuuNnCc')), '\s+', ' ', 'g'))
$$;

create table customer (
  id                  bigint generated always as identity primary key,
  kind                text not null check (kind in ('PERSON', 'BUSINESS')),
  first_name          text,
  last_name           text,
  business_name       text,
  display_name        text not null check (length(trim(display_name)) > 0),
  search_name         text generated always as (customer_search_text(display_name)) stored,
  preferred_language  text not null default 'en' check (preferred_language in ('en', 'es')),
  -- encrypted personal identifiers (null when not given)
  date_of_birth_enc   bytea,
  tax_id_enc          bytea,
  tax_id_last4        text,
  tax_id_index        bytea,
  mailing_line1       text,
  mailing_line2       text,
  mailing_city        text,
  mailing_state       text,
  mailing_zip         text,
  created_at          timestamptz not null,
  created_by          text not null,
  constraint customer_person_named check (kind <> 'PERSON' or (first_name is not null and last_name is not null)),
  constraint customer_business_named check (kind <> 'BUSINESS' or business_name is not null)
);
create index customer_search_name_trgm on customer using gin (search_name gin_trgm_ops);
create index customer_tax_id_index on customer (tax_id_index) where tax_id_index is not null;

create table customer_phone (
  id          bigint generated always as identity primary key,
  customer_id bigint not null references customer(id),
  kind        text not null check (kind in ('MOBILE', 'HOME', 'WORK', 'OTHER')),
  -- digits only, 10 for a US number
  digits      text not null check (digits ~ '^[0-9]{7,15}$'),
  is_primary  boolean not null default false,
  removed_at  timestamptz
);
create index customer_phone_by_digits on customer_phone (digits) where removed_at is null;
create index customer_phone_by_customer on customer_phone (customer_id);

create table customer_email (
  id          bigint generated always as identity primary key,
  customer_id bigint not null references customer(id),
  address     text not null check (address ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  is_primary  boolean not null default false,
  removed_at  timestamptz
);
create index customer_email_by_address on customer_email (lower(address)) where removed_at is null;
create index customer_email_by_customer on customer_email (customer_id);

create table customer_identity_document (
  id           bigint generated always as identity primary key,
  customer_id  bigint not null references customer(id),
  doc_type     text not null check (doc_type in ('DRIVER_LICENSE', 'STATE_ID', 'PASSPORT', 'MATRICULA_CONSULAR',
                                                 'MILITARY_ID', 'TRIBAL_ID', 'PERMANENT_RESIDENT_CARD', 'OTHER')),
  number_enc   bytea not null,
  number_last4 text not null,
  number_index bytea not null,
  issuer       text not null,
  expires_on   date,
  recorded_at  timestamptz not null,
  recorded_by  text not null
);
create index customer_identity_document_by_index on customer_identity_document (number_index);
create index customer_identity_document_by_customer on customer_identity_document (customer_id);

-- Service addresses.
create table premise (
  id                 bigint generated always as identity primary key,
  address_line1      text not null,
  unit               text,
  city               text not null,
  state              text not null default 'AZ',
  zip                text not null check (zip ~ '^[0-9]{5}(-[0-9]{4})?$'),
  search_address     text generated always as (customer_search_text(address_line1 || coalesce(' ' || unit, '') || ' ' || city)) stored,
  premise_type       text not null check (premise_type in ('SINGLE_FAMILY', 'MULTI_UNIT', 'COMMERCIAL', 'MOBILE_HOME_PARK')),
  parcel             text,
  billing_cycle      int not null check (billing_cycle between 1 and 20),
  route              text not null,
  -- services that can be delivered here
  services_available text[] not null,
  created_at         timestamptz not null
);
create index premise_search_address_trgm on premise using gin (search_address gin_trgm_ops);
create unique index premise_address_unique on premise (customer_search_text(address_line1), coalesce(customer_search_text(unit), ''), zip);

-- Who owns a premise (owner or landlord), apart from who takes service there.
create table premise_owner (
  id          bigint generated always as identity primary key,
  premise_id  bigint not null references premise(id),
  customer_id bigint not null references customer(id),
  role        text not null check (role in ('OWNER', 'LANDLORD', 'PROPERTY_MANAGER')),
  since       date not null,
  until       date,
  check (until is null or until >= since)
);
create index premise_owner_by_premise on premise_owner (premise_id);
create index premise_owner_by_customer on premise_owner (customer_id);

create sequence account_number_seq start with 100000001;

create table account (
  id              bigint generated always as identity primary key,
  -- nine digits and a Luhn check digit
  account_number  text not null unique check (account_number ~ '^[0-9]{10}$'),
  customer_id     bigint not null references customer(id),
  account_class   text not null default 'RESIDENTIAL' check (account_class in ('RESIDENTIAL', 'COMMERCIAL')),
  status          text not null default 'ACTIVE' check (status in ('ACTIVE', 'CLOSED')),
  mailing_line1   text not null,
  mailing_line2   text,
  mailing_city    text not null,
  mailing_state   text not null,
  mailing_zip     text not null,
  bill_due_day    int check (bill_due_day between 1 and 28),
  paperless       boolean not null default false,
  -- the customer's choice for this account's letters and bills; defaults to the customer's language
  language        text not null default 'en' check (language in ('en', 'es')),
  opened_on       date not null,
  closed_on       date,
  created_at      timestamptz not null,
  created_by      text not null
);
create index account_by_customer on account (customer_id);

create table account_authorized_person (
  id           bigint generated always as identity primary key,
  account_id   bigint not null references account(id),
  name         text not null,
  relationship text not null,
  phone_digits text,
  added_at     timestamptz not null,
  added_by     text not null,
  removed_at   timestamptz,
  removed_by   text
);
create index account_authorized_person_by_account on account_authorized_person (account_id);

create table account_alert (
  id          bigint generated always as identity primary key,
  account_id  bigint not null references account(id),
  alert_type  text not null check (alert_type in ('CASH_ONLY', 'FRAUD_WATCH', 'MEDICAL_CERTIFICATE', 'BANKRUPTCY',
                                                  'ARRANGEMENT', 'DEPOSIT_DUE')),
  note        text,
  starts_on   date not null,
  ends_on     date,
  created_at  timestamptz not null,
  created_by  text not null,
  ended_at    timestamptz,
  ended_by    text,
  check (ends_on is null or ends_on >= starts_on)
);
create index account_alert_by_account on account_alert (account_id);

-- One service for one account at one premise. A premise takes each service from one agreement at a time.
create table service_agreement (
  id                   bigint generated always as identity primary key,
  account_id           bigint not null references account(id),
  premise_id           bigint not null references premise(id),
  service_type         text not null check (service_type in ('ELECTRIC', 'GAS', 'WATER', 'WASTEWATER', 'SOLID_WASTE',
                                                            'IRRIGATION', 'HYDRANT')),
  rate_schedule        text not null,
  start_date           date not null,
  end_date             date,
  status               text not null check (status in ('PENDING_START', 'ACTIVE', 'PENDING_STOP', 'STOPPED')),
  final_bill_requested boolean not null default false,
  -- set when a landlord's agreement took over after a tenant stopped
  reverted_from_id     bigint references service_agreement(id),
  created_at           timestamptz not null,
  created_by           text not null,
  check (end_date is null or end_date >= start_date),
  -- the duplicate-start rule, held by the database: no two agreements overlap for one service at one premise
  constraint service_agreement_one_at_a_time exclude using gist (
    premise_id with =, service_type with =, daterange(start_date, end_date, '[)') with &&)
);
create index service_agreement_by_account on service_agreement (account_id);
create index service_agreement_by_premise on service_agreement (premise_id);

-- Field work a start or stop needs; the field service module will dispatch these.
create table pending_service_order (
  id                   bigint generated always as identity primary key,
  account_id           bigint not null references account(id),
  premise_id           bigint not null references premise(id),
  service_agreement_id bigint references service_agreement(id),
  order_type           text not null check (order_type in ('CONNECT', 'INITIAL_READ', 'FINAL_READ', 'DISCONNECT',
                                                          'BARREL_DELIVERY', 'BARREL_PICKUP')),
  requested_for        date not null,
  status               text not null default 'PENDING' check (status in ('PENDING', 'CANCELLED', 'HANDED_OFF')),
  note                 text,
  created_at           timestamptz not null,
  created_by           text not null
);
create index pending_service_order_by_account on pending_service_order (account_id);

-- How a customer or caller was verified, and by whom. Protected information is shown on a contact only
-- after one of these.
create table identity_verification (
  id             bigint generated always as identity primary key,
  customer_id    bigint not null references customer(id),
  account_id     bigint references account(id),
  channel        text not null check (channel in ('COUNTER', 'PHONE', 'EMAIL', 'WEB')),
  method         text not null check (method in ('PHOTO_ID', 'ID_DOCUMENT_NUMBER', 'ACCOUNT_DETAILS',
                                                 'LAST4_TAX_ID', 'DATE_OF_BIRTH', 'AUTHORIZED_PERSON')),
  document_id    bigint references customer_identity_document(id),
  caller_name    text,
  note           text,
  verified_at    timestamptz not null,
  verified_by    text not null
);
create index identity_verification_by_account on identity_verification (account_id, verified_at desc);
create index identity_verification_by_customer on identity_verification (customer_id, verified_at desc);

-- Start-of-service documents: lease or ownership.
create table occupancy_document (
  id           bigint generated always as identity primary key,
  account_id   bigint not null references account(id),
  premise_id   bigint not null references premise(id),
  doc_type     text not null check (doc_type in ('LEASE', 'DEED', 'PURCHASE_CONTRACT', 'PROPERTY_TAX_RECORD',
                                                 'MANAGEMENT_AGREEMENT')),
  reference    text,
  checked_at   timestamptz not null,
  checked_by   text not null
);

-- Every contact with the public, on the account.
create table contact_log (
  id                 bigint generated always as identity primary key,
  account_id         bigint references account(id),
  customer_id        bigint references customer(id),
  channel            text not null check (channel in ('PHONE', 'EMAIL', 'WALK_IN', 'WEB', 'LETTER')),
  direction          text not null default 'INBOUND' check (direction in ('INBOUND', 'OUTBOUND')),
  reason             text not null,
  notes              text,
  verification_id    bigint references identity_verification(id),
  contacted_at       timestamptz not null,
  recorded_by        text not null,
  check (account_id is not null or customer_id is not null)
);
create index contact_log_by_account on contact_log (account_id, contacted_at desc);

-- Inquiries, complaints and billing disputes.
create table customer_case (
  id               bigint generated always as identity primary key,
  account_id       bigint not null references account(id),
  case_type        text not null check (case_type in ('INQUIRY', 'COMPLAINT', 'BILLING_DISPUTE', 'SERVICE_REQUEST')),
  priority         text not null check (priority in ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
  subject          text not null,
  description      text,
  owner            text not null,
  status           text not null default 'OPEN' check (status in ('OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED')),
  due_on           date not null,
  -- a dispute holds collection on this amount
  disputed_amount  numeric(14,2) check (disputed_amount is null or disputed_amount > 0),
  resolution       text,
  opened_at        timestamptz not null,
  opened_by        text not null,
  resolved_at      timestamptz,
  resolved_by      text,
  constraint customer_case_dispute_has_amount check ((case_type = 'BILLING_DISPUTE') = (disputed_amount is not null)),
  constraint customer_case_resolution check (status not in ('RESOLVED', 'CLOSED') or resolution is not null)
);
create index customer_case_by_account on customer_case (account_id, opened_at desc);
create index customer_case_open on customer_case (owner, due_on) where status in ('OPEN', 'IN_PROGRESS');

create table customer_case_note (
  id          bigint generated always as identity primary key,
  case_id     bigint not null references customer_case(id),
  note        text not null,
  written_at  timestamptz not null,
  written_by  text not null
);

-- Letter and e-mail templates, one row per language; a template must exist in English and Spanish.
create table letter_template (
  code        text not null,
  language    text not null check (language in ('en', 'es')),
  title       text not null,
  subject     text not null,
  body        text not null,
  primary key (code, language)
);

-- Letters as sent: the rendered text and PDF are kept with the account.
create table letter (
  id             bigint generated always as identity primary key,
  account_id     bigint not null references account(id),
  template_code  text not null,
  language       text not null,
  subject        text not null,
  body           text not null,
  pdf            bytea not null,
  delivery       text not null check (delivery in ('MAIL', 'EMAIL')),
  email_to       text,
  status         text not null check (status in ('PRINTED', 'SENT', 'SEND_FAILED', 'QUEUED')),
  status_detail  text,
  created_at     timestamptz not null,
  created_by     text not null
);
create index letter_by_account on letter (account_id, created_at desc);
