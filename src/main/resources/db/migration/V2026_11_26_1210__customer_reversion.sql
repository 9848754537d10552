-- Landlord reversion: an owner's account marked here takes over the water, wastewater, solid waste and
-- irrigation service of a premise the owner holds (premise_owner) from the day after a tenant stops.
alter table account add column receives_reversion boolean not null default false;
create index account_receiving_reversion on account (customer_id) where receives_reversion and status = 'ACTIVE';
