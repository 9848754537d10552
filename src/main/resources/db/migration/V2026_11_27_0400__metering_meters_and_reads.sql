-- Meters and reads. A service point is where one service is delivered at a premise; it holds at most one meter
-- at a time and a meter is in one place at a time (exclusion constraints). Reads are never deleted: a correction
-- marks the old read REPLACED and adds a new one.

create table service_point (
  id            bigint generated always as identity primary key,
  premise_id    bigint not null references premise(id),
  service_type  text not null check (service_type in ('ELECTRIC', 'GAS', 'WATER', 'IRRIGATION', 'HYDRANT')),
  created_at    timestamptz not null,
  unique (premise_id, service_type)
);

create table meter (
  id            bigint generated always as identity primary key,
  meter_number  text not null unique check (meter_number ~ '^[A-Z0-9-]{3,20}$'),
  service_type  text not null check (service_type in ('ELECTRIC', 'GAS', 'WATER', 'IRRIGATION', 'HYDRANT')),
  serial        text not null,
  manufacturer  text not null,
  dial_count    int not null check (dial_count between 3 and 9),
  multiplier    numeric(10,4) not null default 1 check (multiplier > 0),
  units         text not null check (units in ('kWh', 'therm', 'kgal')),
  has_demand    boolean not null default false,
  -- water meters: size in inches (0.625, 1, 2 ...)
  size_inches   numeric(6,3) check (size_inches is null or size_inches > 0),
  created_at    timestamptz not null,
  created_by    text not null,
  check (has_demand = false or service_type = 'ELECTRIC'),
  check ((units = 'kWh') = (service_type = 'ELECTRIC') and (units = 'therm') = (service_type = 'GAS'))
);

-- A meter at a service point from installed_on up to (not including) removed_on: an exchange removes the old
-- meter and installs the new one on the same day.
create table meter_install (
  id                bigint generated always as identity primary key,
  meter_id          bigint not null references meter(id),
  service_point_id  bigint not null references service_point(id),
  installed_on      date not null,
  removed_on        date,
  created_at        timestamptz not null,
  created_by        text not null,
  check (removed_on is null or removed_on >= installed_on),
  constraint meter_install_one_meter_per_point exclude using gist (
    service_point_id with =, daterange(installed_on, removed_on, '[)') with &&),
  constraint meter_install_one_place_per_meter exclude using gist (
    meter_id with =, daterange(installed_on, removed_on, '[)') with &&)
);
create index meter_install_by_point on meter_install (service_point_id, installed_on desc);
create index meter_install_by_meter on meter_install (meter_id, installed_on desc);

-- Imported read files, by content: the same file imported twice changes nothing.
create table read_import (
  id            bigint generated always as identity primary key,
  sha256        text not null unique check (sha256 ~ '^[0-9a-f]{64}$'),
  file_name     text,
  lines         int not null,
  accepted      int not null,
  exceptions    int not null,
  rejected      int not null,
  duplicates    int not null,
  imported_at   timestamptz not null,
  imported_by   text not null
);

create table meter_read (
  id                bigint generated always as identity primary key,
  meter_id          bigint not null references meter(id),
  service_point_id  bigint not null references service_point(id),
  read_date         date not null,
  reading           numeric(14,4) not null check (reading >= 0),
  read_type         text not null check (read_type in ('ACTUAL', 'ESTIMATED', 'CUSTOMER', 'FINAL', 'INITIAL')),
  demand_kw         numeric(10,1) check (demand_kw is null or demand_kw >= 0),
  source            text not null check (source in ('SCREEN', 'IMPORT', 'API', 'ESTIMATE', 'FIELD')),
  status            text not null check (status in ('ACCEPTED', 'EXCEPTION', 'REPLACED')),
  exception_code    text check (exception_code in ('HIGH_USE', 'LOW_USE', 'ZERO_USE', 'LOWER_THAN_PREVIOUS', 'OUT_OF_ORDER')),
  exception_reason  text,
  -- usage since the previous accepted read at the service point (multiplier, rollover and exchange applied)
  -- and its days, as found when the read was taken: the history that estimates and high/low checks average
  usage             numeric(14,4),
  usage_days        int,
  replaces_read_id  bigint references meter_read(id),
  import_id         bigint references read_import(id),
  import_line       int,
  resolution_note   text,
  resolved_at       timestamptz,
  resolved_by       text,
  entered_at        timestamptz not null,
  entered_by        text not null,
  check ((status = 'EXCEPTION') <= (exception_code is not null)),
  check ((import_id is null) = (import_line is null))
);
create index meter_read_by_point on meter_read (service_point_id, read_date, id);
create index meter_read_exceptions on meter_read (service_point_id, read_date) where status = 'EXCEPTION';
create index meter_read_by_meter on meter_read (meter_id, read_date desc, id desc);
-- the same read (meter, date, reading, type) is never recorded twice
create unique index meter_read_same_read_once on meter_read (meter_id, read_date, reading, read_type)
  where status <> 'REPLACED';

create function meter_read_never_deleted() returns trigger language plpgsql as $$
begin
  raise exception 'meter reads are never deleted; a correction replaces a read';
end $$;
create trigger meter_read_no_delete before delete or truncate on meter_read
  for each statement execute function meter_read_never_deleted();

-- Each line of an imported file and what became of it.
create table read_import_line (
  import_id   bigint not null references read_import(id),
  line_no     int not null,
  raw         text not null,
  -- a line equal to a read already on file takes that read's outcome and says so (duplicate = true)
  outcome     text not null check (outcome in ('ACCEPTED', 'EXCEPTION', 'REJECTED')),
  duplicate   boolean not null default false,
  field       text,
  reason      text,
  read_id     bigint references meter_read(id),
  primary key (import_id, line_no)
);

-- A reread field order for a held read; the field service module dispatches OPEN ones.
create table reread_request (
  id                bigint generated always as identity primary key,
  read_id           bigint not null references meter_read(id),
  meter_id          bigint not null references meter(id),
  service_point_id  bigint not null references service_point(id),
  status            text not null default 'OPEN' check (status in ('OPEN', 'DISPATCHED', 'COMPLETED', 'CANCELLED')),
  note              text,
  requested_at      timestamptz not null,
  requested_by      text not null
);
create unique index reread_request_one_open_per_read on reread_request (read_id) where status = 'OPEN';
