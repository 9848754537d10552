-- A bill run writes its services and lines by COPY, a chunk's hundreds of thousands of rows at a time. Their
-- links to their bill and service are checked once per statement (one anti-join over the statement's rows)
-- instead of by per-row foreign keys, which cost more than the rows themselves. Bills and their services are
-- append-only (and, below, never truncated), so what a line names stays.
do $$
declare
  fk record;
begin
  for fk in select c.conname, c.conrelid::regclass as tbl from pg_constraint c
            where c.contype = 'f'
              and ((c.conrelid = 'bill_line'::regclass)
                   or (c.conrelid = 'bill_service'::regclass and c.confrelid = 'bill'::regclass)) loop
    execute format('alter table %s drop constraint %I', fk.tbl, fk.conname);
  end loop;
end $$;

create function billing_services_name_their_bill() returns trigger language plpgsql as $$
declare
  bad record;
begin
  select n.id, n.bill_id into bad from new_rows n
  where not exists (select 1 from bill b where b.id = n.bill_id)
  limit 1;
  if found then
    raise exception 'Bill service % names bill %, which does not exist', bad.id, bad.bill_id
      using errcode = 'foreign_key_violation';
  end if;
  return null;
end $$;

create trigger bill_service_names_its_bill after insert on bill_service
  referencing new table as new_rows for each statement execute function billing_services_name_their_bill();

-- a line names a service of its own bill
create function billing_lines_name_their_service() returns trigger language plpgsql as $$
declare
  bad record;
begin
  select n.bill_id, n.bill_service_id into bad from new_rows n
  where not exists (select 1 from bill_service s where s.id = n.bill_service_id and s.bill_id = n.bill_id)
  limit 1;
  if found then
    raise exception 'Bill line of bill % names service %, which is not a service of that bill',
      bad.bill_id, bad.bill_service_id using errcode = 'foreign_key_violation';
  end if;
  return null;
end $$;

create trigger bill_line_names_its_service after insert on bill_line
  referencing new table as new_rows for each statement execute function billing_lines_name_their_service();

create trigger bill_not_truncated before truncate on bill
  for each statement execute function billing_refuse_change();
create trigger bill_service_not_truncated before truncate on bill_service
  for each statement execute function billing_refuse_change();
create trigger bill_line_not_truncated before truncate on bill_line
  for each statement execute function billing_refuse_change();
