-- Countable options of a service agreement that rating needs (RatingRequest's option codes): a renewable
-- rider, extra barrels, a water meter's size, a bin's size and pickups. Effective-dated; never updated in place
-- except to set until.
create table service_agreement_option (
  id            bigint generated always as identity primary key,
  agreement_id  bigint not null references service_agreement(id),
  code          text not null check (code in ('RENEWABLE_RIDER', 'EXTRA_REFUSE_BARRELS', 'GREEN_WASTE_BARRELS',
                                              'METER_SIZE', 'BIN_YARDS', 'PICKUPS_PER_WEEK', 'EXTRA_PICKUPS',
                                              'IRRIGATION_SEASONS')),
  quantity      numeric(10,4) not null check (quantity >= 0),
  since         date not null,
  until         date,
  created_at    timestamptz not null,
  created_by    text not null,
  check (until is null or until >= since),
  constraint service_agreement_option_one_at_a_time exclude using gist (
    agreement_id with =, code with =, daterange(since, until, '[]') with &&)
);
create index service_agreement_option_by_agreement on service_agreement_option (agreement_id);
