-- Staff users, their roles, what each role may do, sign-in throttling and approvals.
create table staff_user (
  id                   bigint generated always as identity primary key,
  username             text not null,
  display_name         text not null,
  email                text,
  password_hash        text not null,
  enabled              boolean not null default true,
  must_change_password boolean not null default false,
  -- sessions started before this instant are ended (disable, password reset)
  sessions_valid_after timestamptz not null default '-infinity',
  created_at           timestamptz not null,
  created_by           text not null,
  constraint staff_user_username_format check (username ~ '^[a-z][a-z0-9._-]{1,39}$')
);
create unique index staff_user_username_unique on staff_user (lower(username));

create table staff_role (
  code  text primary key,
  title text not null
);

create table staff_user_role (
  user_id bigint not null references staff_user(id),
  role    text not null references staff_role(code),
  primary key (user_id, role)
);

create table role_permission (
  role       text not null references staff_role(code),
  permission text not null,
  primary key (role, permission)
);

-- Failed sign-ins, for throttling per user name and address; old rows are pruned.
create table login_failure (
  id         bigint generated always as identity primary key,
  username   text not null,
  address    text not null,
  failed_at  timestamptz not null
);
create index login_failure_by_user_address on login_failure (lower(username), address, failed_at desc);

create table approval_request (
  id                  bigint generated always as identity primary key,
  action_type         text not null,
  summary             text not null,
  reason              text not null check (length(trim(reason)) > 0),
  payload             jsonb not null,
  requested_by        text not null,
  requested_at        timestamptz not null,
  approver_permission text not null,
  status              text not null default 'PENDING' check (status in ('PENDING','APPROVED','DENIED','WITHDRAWN')),
  decided_by          text,
  decided_at          timestamptz,
  decision_note       text,
  -- the second-person rule, enforced by the database too
  constraint approval_not_by_requester check (decided_by is null or status = 'WITHDRAWN' or decided_by <> requested_by),
  constraint approval_decision_complete check ((status = 'PENDING') = (decided_at is null))
);
create index approval_request_pending on approval_request (approver_permission, requested_at) where status = 'PENDING';
create index approval_request_by_requester on approval_request (requested_by, requested_at desc);

insert into staff_role (code, title) values
  ('CUSTOMER_SERVICE_SPECIALIST', 'Customer service specialist'),
  ('SENIOR_SPECIALIST', 'Senior customer service specialist'),
  ('CASHIER', 'Cashier'),
  ('HEAD_CASHIER', 'Head cashier'),
  ('CUSTOMER_SERVICE_SUPERVISOR', 'Customer service supervisor'),
  ('FIELD_DISPATCHER', 'Field dispatcher'),
  ('CEMETERY_COORDINATOR', 'Cemetery coordinator'),
  ('SOLID_WASTE_SPECIALIST', 'Solid waste specialist'),
  ('TAX_LICENSING_SPECIALIST', 'Tax and licensing specialist'),
  ('ADMINISTRATOR', 'Administrator');

-- Every role reaches the home page and its own approval requests.
insert into role_permission (role, permission) select code, 'STAFF_HOME' from staff_role;

insert into role_permission (role, permission) values
  ('ADMINISTRATOR', 'USERS_ADMIN'),
  ('ADMINISTRATOR', 'AUDIT_VIEW'),
  ('ADMINISTRATOR', 'LEDGER_VIEW'),
  ('ADMINISTRATOR', 'LEDGER_CLOSE_PERIOD'),
  ('ADMINISTRATOR', 'LEDGER_APPROVE_MANUAL'),
  ('CUSTOMER_SERVICE_SUPERVISOR', 'AUDIT_VIEW'),
  ('CUSTOMER_SERVICE_SUPERVISOR', 'LEDGER_VIEW'),
  ('CUSTOMER_SERVICE_SUPERVISOR', 'LEDGER_APPROVE_MANUAL'),
  ('HEAD_CASHIER', 'LEDGER_VIEW'),
  ('HEAD_CASHIER', 'LEDGER_POST_MANUAL'),
  ('HEAD_CASHIER', 'LEDGER_APPROVE_MANUAL'),
  ('HEAD_CASHIER', 'LEDGER_CLOSE_PERIOD'),
  ('CASHIER', 'LEDGER_VIEW'),
  ('SENIOR_SPECIALIST', 'LEDGER_VIEW'),
  ('TAX_LICENSING_SPECIALIST', 'LEDGER_VIEW');
