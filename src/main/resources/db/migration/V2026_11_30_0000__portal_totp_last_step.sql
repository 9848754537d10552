-- The time step of the last second-factor code accepted for a login: a code is good for one sign-in only.
alter table portal_login add column totp_last_step bigint;
