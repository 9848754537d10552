-- A bill run starts by listing the accounts of one billing cycle: its premises (a twentieth of the city) by this
-- index, then their agreements by premise, instead of reading every agreement of the city for each run.
create index premise_by_billing_cycle on premise (billing_cycle);
