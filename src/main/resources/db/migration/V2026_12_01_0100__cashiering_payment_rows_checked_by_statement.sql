-- A lockbox chunk or autopay file writes thousands of tenders, allocations and remittance lines a statement (by
-- COPY). Their per-row foreign keys to cashiering_payment each took a key-share lock on the payment row (a
-- written tuple header and a WAL record per row, on rows the same transaction had just inserted). They are
-- checked once per statement instead, as the ledger's lines and the bill run's rows are. Payments are never
-- deleted, updated nor truncated (cashiering_append_only), so what these rows name stays.
do $$
declare
  fk record;
begin
  for fk in select c.conname, c.conrelid::regclass as tbl from pg_constraint c
            where c.contype = 'f' and c.confrelid = 'cashiering_payment'::regclass
              and c.conrelid in ('cashiering_payment_tender'::regclass, 'cashiering_payment_allocation'::regclass,
                                 'remittance_line'::regclass) loop
    execute format('alter table %s drop constraint %I', fk.tbl, fk.conname);
  end loop;
end $$;

create function cashiering_rows_name_a_payment() returns trigger language plpgsql as $$
declare
  bad record;
begin
  select n.payment_id into bad from new_rows n
  where n.payment_id is not null
    and not exists (select 1 from cashiering_payment p where p.id = n.payment_id)
  limit 1;
  if found then
    raise exception '% names payment %, which does not exist', tg_table_name, bad.payment_id
      using errcode = 'foreign_key_violation';
  end if;
  return null;
end $$;

create trigger cashiering_payment_tender_names_a_payment after insert on cashiering_payment_tender
  referencing new table as new_rows for each statement execute function cashiering_rows_name_a_payment();
create trigger cashiering_payment_allocation_names_a_payment after insert on cashiering_payment_allocation
  referencing new table as new_rows for each statement execute function cashiering_rows_name_a_payment();
create trigger remittance_line_names_a_payment after insert on remittance_line
  referencing new table as new_rows for each statement execute function cashiering_rows_name_a_payment();

-- the database rules the foreign keys gave are still tested: see CashieringDatabaseRulesTests
