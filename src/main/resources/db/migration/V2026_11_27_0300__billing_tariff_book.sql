-- Tariffs as data (tariffs.md): rate schedules with effective-dated versions whose charges are rows, per-unit
-- adjusters with their own versions, and the transaction privilege tax by jurisdiction. Everything is
-- append-only: a change is a new version from a date; history stays and issued bills keep pointing at it.

-- One id sequence for schedule versions, adjuster versions and tax rates, so that a bill line's version_id
-- names exactly one of them.
create sequence billing_tariff_version_id_seq;

create table billing_rate_schedule (
  code            text primary key,
  description     text not null,
  service_type    text not null check (service_type in ('ELECTRIC', 'GAS', 'WATER', 'WASTEWATER', 'SOLID_WASTE',
                                                         'IRRIGATION', 'HYDRANT')),
  customer_class  text not null check (customer_class in ('RESIDENTIAL', 'COMMERCIAL')),
  fund            text not null references ledger_fund(code),
  -- unit of consumption for metered schedules (kWh, therm, kgal); null when the schedule bills no consumption
  consumption_unit text check (consumption_unit in ('kWh', 'therm', 'kgal')),
  -- wastewater class default WQA (kgal per 30 days) when the customer has no winter history
  default_wqa     numeric(10,2) check (default_wqa >= 0)
);

create table billing_adjuster (
  code         text primary key,
  description  text not null,
  unit         text not null
);

create table billing_adjuster_version (
  id              bigint primary key default nextval('billing_tariff_version_id_seq'),
  adjuster_code   text not null references billing_adjuster(code),
  effective_from  date not null,
  price           numeric(14,6) not null check (price >= 0),
  note            text not null,
  created_at      timestamptz not null,
  created_by      text not null,
  unique (adjuster_code, effective_from)
);

create table billing_rate_version (
  id              bigint primary key default nextval('billing_tariff_version_id_seq'),
  schedule_code   text not null references billing_rate_schedule(code),
  version_no      int not null check (version_no > 0),
  effective_from  date not null,
  note            text not null,
  created_at      timestamptz not null,
  created_by      text not null,
  unique (schedule_code, effective_from),
  unique (schedule_code, version_no)
);

-- One charge of a version. kind says how the engine prices it (see ARCHITECTURE.md, Tariffs and rating):
--   FIXED              price per month (prorated); with option_code/option_value only when the option matches
--   ALLOWANCE          units included in the fixed charge (a block priced 0, no line)
--   TIER               price per unit of consumption between tier_from and tier_to (null: no upper bound)
--   WASTEWATER_VOLUME  price per unit of min(consumption, WQA x days/30)
--   DEMAND             price per kW of billed demand, all kW, when demand exceeds threshold
--   ADJUSTER           per unit of consumption at the adjuster version's price
--   RIDER              price per unit of consumption when the option (e.g. RENEWABLE_RIDER) is 1 or more
--   PER_OPTION         price per month per counted item (extra barrels), prorated
--   FLAT_PER_OPTION    price per counted item, not prorated (irrigation seasons)
--   BIN_PICKUPS        per-pickup price x pickups per week x 52/12, rounded to cents, per month, prorated
--   BIN_EXTRA_PICKUP   per-pickup price x multiplier per extra pickup
--   PER_DAY            price per day of the period (hydrant rent)
--   DEPOSIT            refundable deposit, on the first bill only
--   MINIMUM            the part's charges are raised to at least price per month (prorated)
create table billing_rate_charge (
  version_id     bigint not null references billing_rate_version(id),
  line_no        int not null check (line_no > 0),
  part           text not null check (part ~ '^[A-Z0-9_]+$'),
  kind           text not null check (kind in ('FIXED', 'ALLOWANCE', 'TIER', 'WASTEWATER_VOLUME', 'DEMAND', 'ADJUSTER',
                                               'RIDER', 'PER_OPTION', 'FLAT_PER_OPTION', 'BIN_PICKUPS',
                                               'BIN_EXTRA_PICKUP', 'PER_DAY', 'DEPOSIT', 'MINIMUM')),
  description    text not null,
  season         text not null default 'ALL' check (season in ('ALL', 'SUMMER', 'WINTER')),
  unit           text not null,
  price          numeric(14,6) check (price >= 0),
  tier_from      numeric(14,4) check (tier_from >= 0),
  tier_to        numeric(14,4),
  threshold      numeric(14,4) check (threshold >= 0),
  adjuster_code  text references billing_adjuster(code),
  option_code    text,
  option_value   numeric(10,4),
  multiplier     numeric(10,4) check (multiplier > 0),
  taxable        boolean not null,
  account        text not null check (account in ('4010', '4020', '4030', '4040', '2100')),
  primary key (version_id, line_no),
  unique (version_id, part),
  check (tier_to is null or tier_to > tier_from),
  check ((kind = 'ADJUSTER') = (adjuster_code is not null)),
  check (kind = 'ADJUSTER' or price is not null),
  check (kind not in ('ALLOWANCE', 'TIER') or tier_from is not null),
  check (kind <> 'DEMAND' or threshold is not null),
  check (kind not in ('RIDER', 'PER_OPTION', 'FLAT_PER_OPTION', 'BIN_PICKUPS', 'BIN_EXTRA_PICKUP') or option_code is not null),
  check (kind <> 'BIN_EXTRA_PICKUP' or multiplier is not null),
  check (account <> '2100' or (kind = 'DEPOSIT' and not taxable)),
  -- blocks of one season never overlap
  constraint billing_rate_charge_blocks_do_not_overlap exclude using gist (
    version_id with =, season with =, numrange(tier_from, tier_to, '[)') with &&) where (kind in ('ALLOWANCE', 'TIER'))
);

create table billing_tax_rate (
  id              bigint primary key default nextval('billing_tariff_version_id_seq'),
  jurisdiction    text not null check (jurisdiction in ('STATE', 'COUNTY', 'CITY')),
  description     text not null,
  rate            numeric(8,6) not null check (rate >= 0 and rate < 1),
  effective_from  date not null,
  created_at      timestamptz not null,
  created_by      text not null,
  unique (jurisdiction, effective_from)
);

-- Bumped in the transaction that adds a version, an adjuster version or a tax rate: every instance compares
-- it with the revision of its cached book (one indexed single-row read at most once a second).
create table billing_tariff_revision (
  id        int primary key check (id = 1),
  revision  bigint not null
);
insert into billing_tariff_revision values (1, 1);

create function billing_tariff_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'The tariff book is append-only: add a version from a date instead (% on % refused)', tg_op, tg_table_name;
end $$;
create trigger billing_rate_schedule_append_only before update or delete on billing_rate_schedule
  for each row execute function billing_tariff_is_append_only();
create trigger billing_adjuster_append_only before update or delete on billing_adjuster
  for each row execute function billing_tariff_is_append_only();
create trigger billing_adjuster_version_append_only before update or delete on billing_adjuster_version
  for each row execute function billing_tariff_is_append_only();
create trigger billing_rate_version_append_only before update or delete on billing_rate_version
  for each row execute function billing_tariff_is_append_only();
create trigger billing_rate_charge_append_only before update or delete on billing_rate_charge
  for each row execute function billing_tariff_is_append_only();
create trigger billing_tax_rate_append_only before update or delete on billing_tax_rate
  for each row execute function billing_tariff_is_append_only();

-- ---- The demo book (tariffs.md), in force from 2026-01-01 ----
insert into billing_rate_schedule (code, description, service_type, customer_class, fund, consumption_unit, default_wqa) values
  ('E1.1',  'Electric, residential',                     'ELECTRIC',    'RESIDENTIAL', 'ELECTRIC',    'kWh',   null),
  ('G1.1',  'Gas, residential',                          'GAS',         'RESIDENTIAL', 'GAS',         'therm', null),
  ('W1.1',  'Water, residential',                        'WATER',       'RESIDENTIAL', 'WATER',       'kgal',  null),
  ('S1.1',  'Wastewater, residential',                   'WASTEWATER',  'RESIDENTIAL', 'WASTEWATER',  'kgal',  7.00),
  ('R1.2',  'Solid waste, residential',                  'SOLID_WASTE', 'RESIDENTIAL', 'SOLID_WASTE', null,    null),
  ('E3.1',  'Electric, general service',                 'ELECTRIC',    'COMMERCIAL',  'ELECTRIC',    'kWh',   null),
  ('W3.1',  'Water, commercial',                         'WATER',       'COMMERCIAL',  'WATER',       'kgal',  null),
  ('S3.1',  'Wastewater, commercial',                    'WASTEWATER',  'COMMERCIAL',  'WASTEWATER',  'kgal',  null),
  ('C-BIN', 'Solid waste, commercial front-load bin',    'SOLID_WASTE', 'COMMERCIAL',  'SOLID_WASTE', null,    null),
  ('HYD',   'Hydrant meter (construction water)',        'HYDRANT',     'COMMERCIAL',  'WATER',       'kgal',  null),
  ('IRR',   'Flood irrigation',                          'IRRIGATION',  'RESIDENTIAL', 'WATER',       null,    null);

insert into billing_adjuster (code, description, unit) values
  ('EECAF',  'Electric energy cost adjustment factor', 'kWh'),
  ('PNGCAF', 'Purchased natural gas cost adjustment factor', 'therm');

insert into billing_adjuster_version (adjuster_code, effective_from, price, note, created_at, created_by) values
  ('EECAF',  '2026-01-01', 0.0325, 'Demo book', now(), 'seed'),
  ('EECAF',  '2026-07-01', 0.0290, 'Demo book: fuel cost change', now(), 'seed'),
  ('PNGCAF', '2026-01-01', 0.4700, 'Demo book', now(), 'seed');

insert into billing_tax_rate (jurisdiction, description, rate, effective_from, created_at, created_by) values
  ('STATE',  'Arizona transaction privilege tax, utilities', 0.056, '2026-01-01', now(), 'seed'),
  ('COUNTY', 'Maricopa County excise tax',                   0.007, '2026-01-01', now(), 'seed'),
  ('CITY',   'City of Mesa privilege tax, utilities',        0.020, '2026-01-01', now(), 'seed');

insert into billing_rate_version (schedule_code, version_no, effective_from, note, created_at, created_by)
select code, 1, date '2026-01-01', 'Demo book (tariffs.md)', now(), 'seed' from billing_rate_schedule;

insert into billing_rate_charge (version_id, line_no, part, kind, description, season, unit, price, tier_from, tier_to,
                                 threshold, adjuster_code, option_code, option_value, multiplier, taxable, account)
select v.id, c.line_no, c.part, c.kind, c.description, c.season, c.unit, c.price, c.tier_from, c.tier_to, c.threshold,
       c.adjuster_code, c.option_code, c.option_value, c.multiplier, c.taxable, c.account
  from billing_rate_version v
  join (values
  ('E1.1', 1, 'CUSTOMER_CHARGE', 'FIXED', 'Customer charge', 'ALL', 'month', 13.00, null, null, null, null, null, null, null, true, '4010'),
  ('E1.1', 2, 'ENERGY_SUMMER_1', 'TIER', 'Summer energy, first 400 kWh', 'SUMMER', 'kWh', 0.0890, 0, 400, null, null, null, null, null, true, '4010'),
  ('E1.1', 3, 'ENERGY_SUMMER_2', 'TIER', 'Summer energy, next 600 kWh', 'SUMMER', 'kWh', 0.1120, 400, 1000, null, null, null, null, null, true, '4010'),
  ('E1.1', 4, 'ENERGY_SUMMER_3', 'TIER', 'Summer energy, over 1000 kWh', 'SUMMER', 'kWh', 0.1310, 1000, null, null, null, null, null, null, true, '4010'),
  ('E1.1', 5, 'ENERGY_WINTER_1', 'TIER', 'Winter energy, first 1000 kWh', 'WINTER', 'kWh', 0.0840, 0, 1000, null, null, null, null, null, true, '4010'),
  ('E1.1', 6, 'ENERGY_WINTER_2', 'TIER', 'Winter energy, over 1000 kWh', 'WINTER', 'kWh', 0.0910, 1000, null, null, null, null, null, null, true, '4010'),
  ('E1.1', 7, 'EECAF', 'ADJUSTER', 'Fuel adjuster (EECAF)', 'ALL', 'kWh', null, null, null, null, 'EECAF', null, null, null, true, '4010'),
  ('E1.1', 8, 'RENEWABLE_RIDER', 'RIDER', 'Renewable energy rider', 'ALL', 'kWh', 0.0100, null, null, null, null, 'RENEWABLE_RIDER', null, null, true, '4010'),
  ('G1.1', 1, 'CUSTOMER_CHARGE', 'FIXED', 'Customer charge', 'ALL', 'month', 12.50, null, null, null, null, null, null, null, true, '4010'),
  ('G1.1', 2, 'GAS_1', 'TIER', 'Gas, first 25 therms', 'ALL', 'therm', 0.6800, 0, 25, null, null, null, null, null, true, '4010'),
  ('G1.1', 3, 'GAS_2', 'TIER', 'Gas, over 25 therms', 'ALL', 'therm', 0.5100, 25, null, null, null, null, null, null, true, '4010'),
  ('G1.1', 4, 'PNGCAF', 'ADJUSTER', 'Gas cost adjuster (PNGCAF)', 'ALL', 'therm', null, null, null, null, 'PNGCAF', null, null, null, true, '4010'),
  ('W1.1', 1, 'SERVICE_CHARGE', 'FIXED', 'Service charge (includes 3 kgal)', 'ALL', 'month', 24.50, null, null, null, null, null, null, null, true, '4010'),
  ('W1.1', 2, 'WATER_INCLUDED', 'ALLOWANCE', 'First 3 kgal, included in the service charge', 'ALL', 'kgal', 0, 0, 3, null, null, null, null, null, true, '4010'),
  ('W1.1', 3, 'WATER_1', 'TIER', 'Water, next 7 kgal (4-10)', 'ALL', 'kgal', 4.35, 3, 10, null, null, null, null, null, true, '4010'),
  ('W1.1', 4, 'WATER_2', 'TIER', 'Water, next 14 kgal (11-24)', 'ALL', 'kgal', 5.95, 10, 24, null, null, null, null, null, true, '4010'),
  ('W1.1', 5, 'WATER_3', 'TIER', 'Water, over 24 kgal', 'ALL', 'kgal', 7.40, 24, null, null, null, null, null, null, true, '4010'),
  ('S1.1', 1, 'SERVICE_CHARGE', 'FIXED', 'Wastewater service charge', 'ALL', 'month', 18.75, null, null, null, null, null, null, null, false, '4010'),
  ('S1.1', 2, 'VOLUME', 'WASTEWATER_VOLUME', 'Wastewater, billable volume (winter quarter average)', 'ALL', 'kgal', 3.65, null, null, null, null, null, null, null, false, '4010'),
  ('R1.2', 1, 'SERVICE_CHARGE', 'FIXED', 'Refuse and recycling, one 90-gallon barrel each', 'ALL', 'month', 27.80, null, null, null, null, null, null, null, false, '4010'),
  ('R1.2', 2, 'EXTRA_REFUSE_BARREL', 'PER_OPTION', 'Extra refuse barrel', 'ALL', 'barrel-month', 11.00, null, null, null, null, 'EXTRA_REFUSE_BARRELS', null, null, false, '4010'),
  ('R1.2', 3, 'GREEN_WASTE_BARREL', 'PER_OPTION', 'Green-waste barrel (6-month minimum)', 'ALL', 'barrel-month', 5.51, null, null, null, null, 'GREEN_WASTE_BARRELS', null, null, false, '4010'),
  ('E3.1', 1, 'CUSTOMER_CHARGE', 'FIXED', 'Customer charge', 'ALL', 'month', 25.00, null, null, null, null, null, null, null, true, '4020'),
  ('E3.1', 2, 'ENERGY_SUMMER', 'TIER', 'Summer energy', 'SUMMER', 'kWh', 0.0980, 0, null, null, null, null, null, null, true, '4020'),
  ('E3.1', 3, 'ENERGY_WINTER', 'TIER', 'Winter energy', 'WINTER', 'kWh', 0.0890, 0, null, null, null, null, null, null, true, '4020'),
  ('E3.1', 4, 'EECAF', 'ADJUSTER', 'Fuel adjuster (EECAF)', 'ALL', 'kWh', null, null, null, null, 'EECAF', null, null, null, true, '4020'),
  ('E3.1', 5, 'DEMAND', 'DEMAND', 'Demand charge, all kW above 50.0 kW billed demand', 'ALL', 'kW', 3.52, null, null, 50.0, null, null, null, null, true, '4020'),
  ('W3.1', 1, 'SERVICE_CHARGE_5_8', 'FIXED', 'Service charge, 5/8 inch meter', 'ALL', 'month', 24.50, null, null, null, null, 'METER_SIZE', 0.625, null, true, '4020'),
  ('W3.1', 2, 'SERVICE_CHARGE_1', 'FIXED', 'Service charge, 1 inch meter', 'ALL', 'month', 38.00, null, null, null, null, 'METER_SIZE', 1, null, true, '4020'),
  ('W3.1', 3, 'SERVICE_CHARGE_2', 'FIXED', 'Service charge, 2 inch meter', 'ALL', 'month', 95.00, null, null, null, null, 'METER_SIZE', 2, null, true, '4020'),
  ('W3.1', 4, 'WATER', 'TIER', 'Water, all kgal', 'ALL', 'kgal', 5.10, 0, null, null, null, null, null, null, true, '4020'),
  ('S3.1', 1, 'SERVICE_CHARGE', 'FIXED', 'Wastewater service charge', 'ALL', 'month', 30.00, null, null, null, null, null, null, null, false, '4020'),
  ('S3.1', 2, 'VOLUME', 'TIER', 'Wastewater, all water used', 'ALL', 'kgal', 4.10, 0, null, null, null, null, null, null, false, '4020'),
  ('C-BIN', 1, 'BIN_3_YD', 'BIN_PICKUPS', '3-yard bin', 'ALL', 'month', 18.50, null, null, null, null, 'BIN_YARDS', 3, null, false, '4020'),
  ('C-BIN', 2, 'BIN_4_YD', 'BIN_PICKUPS', '4-yard bin', 'ALL', 'month', 22.00, null, null, null, null, 'BIN_YARDS', 4, null, false, '4020'),
  ('C-BIN', 3, 'BIN_6_YD', 'BIN_PICKUPS', '6-yard bin', 'ALL', 'month', 29.50, null, null, null, null, 'BIN_YARDS', 6, null, false, '4020'),
  ('C-BIN', 4, 'BIN_8_YD', 'BIN_PICKUPS', '8-yard bin', 'ALL', 'month', 36.00, null, null, null, null, 'BIN_YARDS', 8, null, false, '4020'),
  ('C-BIN', 5, 'EXTRA_PICKUP_3_YD', 'BIN_EXTRA_PICKUP', 'Extra pickup, 3-yard bin', 'ALL', 'pickup', 18.50, null, null, null, null, 'BIN_YARDS', 3, 1.2, false, '4020'),
  ('C-BIN', 6, 'EXTRA_PICKUP_4_YD', 'BIN_EXTRA_PICKUP', 'Extra pickup, 4-yard bin', 'ALL', 'pickup', 22.00, null, null, null, null, 'BIN_YARDS', 4, 1.2, false, '4020'),
  ('C-BIN', 7, 'EXTRA_PICKUP_6_YD', 'BIN_EXTRA_PICKUP', 'Extra pickup, 6-yard bin', 'ALL', 'pickup', 29.50, null, null, null, null, 'BIN_YARDS', 6, 1.2, false, '4020'),
  ('C-BIN', 8, 'EXTRA_PICKUP_8_YD', 'BIN_EXTRA_PICKUP', 'Extra pickup, 8-yard bin', 'ALL', 'pickup', 36.00, null, null, null, null, 'BIN_YARDS', 8, 1.2, false, '4020'),
  ('HYD', 1, 'DEPOSIT', 'DEPOSIT', 'Hydrant meter deposit (refundable)', 'ALL', 'meter', 1500.00, null, null, null, null, null, null, null, false, '2100'),
  ('HYD', 2, 'RENT', 'PER_DAY', 'Hydrant meter rent', 'ALL', 'day', 4.00, null, null, null, null, null, null, null, true, '4040'),
  ('HYD', 3, 'WATER', 'TIER', 'Construction water', 'ALL', 'kgal', 5.10, 0, null, null, null, null, null, null, true, '4040'),
  ('IRR', 1, 'SEASON', 'FLAT_PER_OPTION', 'Flood irrigation season', 'ALL', 'season', 41.00, null, null, null, null, 'IRRIGATION_SEASONS', null, null, false, '4030')
  ) as c (schedule_code, line_no, part, kind, description, season, unit, price, tier_from, tier_to, threshold,
          adjuster_code, option_code, option_value, multiplier, taxable, account)
    on c.schedule_code = v.schedule_code;
