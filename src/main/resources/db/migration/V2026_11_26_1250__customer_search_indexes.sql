-- Indexes for the account search box (org.civicdesk.customer.internal.search), sized for a million accounts.

-- Phone searches by the last seven digits (the number without its area code).
create index customer_phone_by_last7 on customer_phone (right(digits, 7)) where removed_at is null;

-- Address searches that start with a house number: the first word of the service address picks the few
-- hundred premises with that number before trigram similarity ranks them by street.
create index premise_by_house_number on premise (split_part(search_address, ' ', 1));

-- Accounts at a premise, current first (address hits list who takes service there).
create index service_agreement_by_premise_account on service_agreement (premise_id, account_id);
