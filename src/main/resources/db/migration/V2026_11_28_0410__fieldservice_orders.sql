-- Field service orders (field_order), their append-only step history (field_order_event), the order types
-- (a table, so that later modules add barrel deliveries or roll-off swaps with a row), the field specialist
-- role and the field service permissions.

create table field_order_type (
  code          text primary key,
  title         text not null,
  -- completing it needs a meter reading (the read goes to metering as a FIELD read)
  needs_read    boolean not null default false,
  -- the read type metering records: FINAL for a final read, else ACTUAL
  read_type     text check (read_type in ('ACTUAL', 'FINAL')),
  sort_order    int not null
);
insert into field_order_type (code, title, needs_read, read_type, sort_order) values
  ('CONNECT', 'Connect service', false, 'ACTUAL', 10),
  ('DISCONNECT', 'Disconnect at stop of service', false, 'FINAL', 45),
  ('INITIAL_READ', 'Start read', true, 'ACTUAL', 20),
  ('FINAL_READ', 'Stop read (final)', true, 'FINAL', 30),
  ('TRANSFER', 'Transfer of service', false, 'ACTUAL', 40),
  ('DISCONNECT_NONPAY', 'Disconnect for non-payment', false, 'ACTUAL', 50),
  ('DOOR_HANGER', 'Door hanger (48-hour notice)', false, null, 60),
  ('RECONNECT', 'Reconnect', false, 'ACTUAL', 70),
  ('SAME_DAY_RECONNECT', 'Same-day reconnect (fee)', false, 'ACTUAL', 80),
  ('REREAD', 'Reread', true, 'ACTUAL', 90),
  ('METER_EXCHANGE', 'Meter exchange', false, null, 100),
  ('HIGH_BILL_INVESTIGATION', 'High-bill investigation', false, 'ACTUAL', 110),
  ('METER_TEST', 'Meter test', false, null, 120),
  ('BARREL_DELIVERY', 'Barrel delivery', false, null, 130),
  ('BARREL_PICKUP', 'Barrel pickup', false, null, 140);

create table field_order (
  id                   bigint generated always as identity primary key,
  order_type           text not null references field_order_type(code),
  account_id           bigint not null references account(id),
  account_number       text not null,
  premise_id           bigint not null references premise(id),
  premise_address      text not null,
  -- the premise's meter route: the dispatch area
  area                 text not null,
  service_agreement_id bigint references service_agreement(id),
  service_type         text,
  meter_number         text,
  requested_date       date not null,
  -- the service level: not completed by then, the order is overdue
  due_by               timestamptz not null,
  priority             text not null default 'NORMAL' check (priority in ('NORMAL', 'HIGH', 'EMERGENCY')),
  status               text not null default 'CREATED' check (status in ('CREATED', 'SCHEDULED', 'DISPATCHED',
                                         'EN_ROUTE', 'COMPLETED', 'FAILED', 'CANCELLED')),
  assigned_to          text,
  scheduled_for        date,
  note                 text,
  status_reason        text,
  completion_reading   numeric(14,3),
  completion_read_id   bigint,
  -- where the order came from and its key there: each source row makes at most one order
  source               text not null,
  source_reference     text not null,
  created_at           timestamptz not null,
  created_by           text not null,
  status_changed_at    timestamptz not null,
  status_changed_by    text not null,
  constraint field_order_one_per_source unique (source, source_reference),
  constraint field_order_reason_when_failed_or_cancelled
    check (status not in ('FAILED', 'CANCELLED') or length(trim(coalesce(status_reason, ''))) > 0),
  constraint field_order_assigned_when_dispatched
    check (status not in ('DISPATCHED', 'EN_ROUTE') or assigned_to is not null)
);
create index field_order_by_account on field_order (account_id, id desc);
create index field_order_by_day on field_order (coalesce(scheduled_for, requested_date), area);
create index field_order_open on field_order (area, requested_date) where status not in ('COMPLETED', 'FAILED', 'CANCELLED');
create index field_order_by_assignee on field_order (assigned_to, status);

-- Every step of an order: created, scheduled, assigned, en route, completed, failed, cancelled (append-only).
create table field_order_event (
  id          bigint generated always as identity primary key,
  order_id    bigint not null references field_order(id),
  step        text not null,
  from_status text,
  to_status   text not null,
  assigned_to text,
  note        text,
  occurred_at timestamptz not null,
  actor       text not null
);
create index field_order_event_by_order on field_order_event (order_id, id);

create or replace function field_order_event_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'field_order_event is append-only';
end $$;
create trigger field_order_event_append_only before update or delete on field_order_event
  for each row execute function field_order_event_append_only();

create or replace function field_order_no_delete() returns trigger language plpgsql as $$
begin
  raise exception 'field orders are cancelled, never deleted';
end $$;
create trigger field_order_no_delete before delete on field_order
  for each row execute function field_order_no_delete();

insert into staff_role (code, title) values ('FIELD_SPECIALIST', 'Field specialist');
insert into role_permission (role, permission) values
  ('FIELD_SPECIALIST', 'STAFF_HOME'),
  ('FIELD_SPECIALIST', 'FIELD_ORDERS_VIEW'),
  ('FIELD_SPECIALIST', 'FIELD_ORDER_UPDATE'),
  ('FIELD_DISPATCHER', 'FIELD_ORDERS_VIEW'),
  ('FIELD_DISPATCHER', 'DISPATCH'),
  ('FIELD_DISPATCHER', 'CUSTOMER_VIEW'),
  ('CUSTOMER_SERVICE_SUPERVISOR', 'FIELD_ORDERS_VIEW'),
  ('CUSTOMER_SERVICE_SUPERVISOR', 'DISPATCH'),
  ('ADMINISTRATOR', 'FIELD_ORDERS_VIEW'),
  ('ADMINISTRATOR', 'DISPATCH'),
  ('CUSTOMER_SERVICE_SPECIALIST', 'FIELD_ORDERS_VIEW'),
  ('SENIOR_SPECIALIST', 'FIELD_ORDERS_VIEW')
on conflict do nothing;
