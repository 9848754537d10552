-- A bill run inserts a chunk's bills and services by COPY. Per-row foreign keys from a bill to its account and
-- run, and from a bill service to its agreement, take a key-share lock on each parent row (a written tuple
-- header per account and agreement per run, and one run row locked by every worker). They are checked once per
-- statement instead (one anti-join over the statement's rows), and the parents keep what bills name: accounts,
-- agreements and runs are never deleted and keep their id.
do $$
declare
  fk record;
begin
  for fk in select c.conname, c.conrelid::regclass as tbl from pg_constraint c
            where c.contype = 'f'
              and ((c.conrelid = 'bill'::regclass and c.confrelid in ('account'::regclass, 'bill_run'::regclass))
                   or (c.conrelid = 'bill_service'::regclass and c.confrelid = 'service_agreement'::regclass)) loop
    execute format('alter table %s drop constraint %I', fk.tbl, fk.conname);
  end loop;
end $$;

create function billing_bills_name_their_account_and_run() returns trigger language plpgsql as $$
declare
  bad record;
begin
  select n.id, n.account_id into bad from new_rows n
  where not exists (select 1 from account a where a.id = n.account_id)
  limit 1;
  if found then
    raise exception 'Bill % names account %, which does not exist', bad.id, bad.account_id
      using errcode = 'foreign_key_violation';
  end if;
  select n.id, n.bill_run_id into bad from new_rows n
  where n.bill_run_id is not null and not exists (select 1 from bill_run r where r.id = n.bill_run_id)
  limit 1;
  if found then
    raise exception 'Bill % names bill run %, which does not exist', bad.id, bad.bill_run_id
      using errcode = 'foreign_key_violation';
  end if;
  return null;
end $$;

create trigger bill_names_its_account_and_run after insert on bill
  referencing new table as new_rows for each statement execute function billing_bills_name_their_account_and_run();

-- a bill service names its bill (as before) and an agreement that exists
create or replace function billing_services_name_their_bill() returns trigger language plpgsql as $$
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
  select n.id, n.agreement_id into bad from new_rows n
  where not exists (select 1 from service_agreement s where s.id = n.agreement_id)
  limit 1;
  if found then
    raise exception 'Bill service % names agreement %, which does not exist', bad.id, bad.agreement_id
      using errcode = 'foreign_key_violation';
  end if;
  return null;
end $$;

-- What bills name stays: no delete, no new id, no truncate.
create function billing_keeps_named_rows() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    if new.id = old.id then
      return new;
    end if;
    raise exception '% % is named by bills: its id does not change', tg_table_name, old.id
      using errcode = 'raise_exception';
  end if;
  raise exception '% is named by bills: % refused', tg_table_name, tg_op using errcode = 'raise_exception';
end $$;

create trigger account_kept_for_bills before update of id or delete on account
  for each row execute function billing_keeps_named_rows();
create trigger account_not_truncated before truncate on account
  for each statement execute function billing_keeps_named_rows();
create trigger service_agreement_kept_for_bills before update of id or delete on service_agreement
  for each row execute function billing_keeps_named_rows();
create trigger service_agreement_not_truncated before truncate on service_agreement
  for each statement execute function billing_keeps_named_rows();
create trigger bill_run_kept_for_bills before update of id or delete on bill_run
  for each row execute function billing_keeps_named_rows();
create trigger bill_run_not_truncated before truncate on bill_run
  for each statement execute function billing_keeps_named_rows();
