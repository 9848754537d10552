-- A payment to a utility account asks whether the account was written off (a recovery): by account number.
-- Without an index each payment of a lockbox batch read every write-off.
create index collections_write_off_by_account on collections_write_off (account_number);
