-- The billing specialist: works meter reads and their exceptions, runs the bill cycles, adjusts, cancels and
-- rebills bills (adjustments above the limit still need a supervisor), and reads the ledger.
insert into staff_role (code, title) values ('BILLING_SPECIALIST', 'Billing specialist');

insert into role_permission (role, permission) values
  ('BILLING_SPECIALIST', 'STAFF_HOME'),
  ('BILLING_SPECIALIST', 'CUSTOMER_VIEW'),
  ('BILLING_SPECIALIST', 'BILLING_VIEW'),
  ('BILLING_SPECIALIST', 'READS_ENTER'),
  ('BILLING_SPECIALIST', 'BILL_RUN'),
  ('BILLING_SPECIALIST', 'BILL_ADJUST'),
  ('BILLING_SPECIALIST', 'BILL_CANCEL'),
  ('BILLING_SPECIALIST', 'LEDGER_VIEW');
