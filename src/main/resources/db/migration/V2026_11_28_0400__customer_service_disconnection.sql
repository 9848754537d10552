-- Disconnection for non-payment and reconnection of a service agreement, as the field reports them
-- (customer module's table; the field service module calls customer.ServiceConnections). One open
-- disconnection per agreement; reconnecting closes it. Rows are never deleted.
create table service_disconnection (
  id                   bigint generated always as identity primary key,
  service_agreement_id bigint not null references service_agreement(id),
  disconnected_on      date not null,
  disconnect_reference text not null,
  reconnected_on       date,
  reconnect_reference  text,
  created_at           timestamptz not null,
  created_by           text not null,
  reconnected_at       timestamptz,
  reconnected_by       text,
  check (reconnected_on is null or reconnected_on >= disconnected_on)
);
create unique index service_disconnection_one_open on service_disconnection (service_agreement_id)
  where reconnected_on is null;
create index service_disconnection_by_agreement on service_disconnection (service_agreement_id);

create or replace function service_disconnection_no_delete() returns trigger language plpgsql as $$
begin
  raise exception 'service_disconnection rows are never deleted';
end $$;
create trigger service_disconnection_no_delete before delete on service_disconnection
  for each row execute function service_disconnection_no_delete();
