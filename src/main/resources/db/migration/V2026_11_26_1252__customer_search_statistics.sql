-- Statistics on the expressions that e-mail and seven-digit phone searches look up. The planner does not use
-- the statistics of a partial expression index (customer_email_by_address and customer_phone_by_last7 skip
-- removed rows), so it guessed thousands of rows per e-mail or phone at a million accounts and chose to read
-- the account table whole for the join; with these it expects one row and stays on the indexes.
create statistics customer_email_lower_address on (lower(address)) from customer_email;
create statistics customer_phone_last7 on (right(digits, 7)) from customer_phone;

analyze customer_email;
analyze customer_phone;
