-- An agreement taken over from an earlier billing system, which billed it up to the conversion: its first bill in
-- CivicDesk covers at most the month before the cutoff. Agreements started in CivicDesk bill from their start date.
alter table service_agreement add column converted boolean not null default false;
