-- The audit trail: one row per state change or protected-data reveal. Append-only: the database refuses
-- UPDATE, DELETE and TRUNCATE, whoever asks.
create table audit_event (
  id            bigint generated always as identity primary key,
  occurred_at   timestamptz not null,
  actor         text not null,
  actor_address text,
  action        text not null,
  record_type   text not null,
  record_id     text,
  before_state  jsonb,
  after_state   jsonb,
  detail        text
);

create index audit_event_by_record on audit_event (record_type, record_id, occurred_at desc);
create index audit_event_by_actor on audit_event (actor, occurred_at desc);
create index audit_event_by_time on audit_event (occurred_at desc);

create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'raise_exception';
end $$;

create trigger audit_event_no_update before update or delete on audit_event
  for each row execute function audit_event_is_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
  for each statement execute function audit_event_is_append_only();
