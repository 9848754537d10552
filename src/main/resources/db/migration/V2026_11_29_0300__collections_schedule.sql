-- The daily collection schedule (module collections): its steps as effective-dated data, the append-only
-- record of every step taken, passed over, held by a policy, cancelled by a payment or resumed by a return,
-- and the letters the steps send (English and Spanish).

-- The steps by days past due (counted from the oldest unpaid due date). A step sends its letter and/or
-- creates its field order. city-profile.md: reminder 15, final notice 25, door hanger 35, disconnect 37.
create table collections_schedule_step (
  effective_from   date not null,
  step             text not null check (step in ('REMINDER', 'FINAL_NOTICE', 'DOOR_HANGER', 'DISCONNECT')),
  days_past_due    int not null check (days_past_due > 0),
  letter_template  text,
  field_order_type text,
  -- a disconnect waits this long after the door hanger's 48-hour notice
  notice_days      int not null default 0 check (notice_days >= 0),
  title            text not null,
  primary key (effective_from, step)
);
insert into collections_schedule_step values
  ('2020-01-01', 'REMINDER', 15, 'COLLECTIONS_REMINDER', null, 0, 'Reminder notice'),
  ('2020-01-01', 'FINAL_NOTICE', 25, 'COLLECTIONS_FINAL_NOTICE', null, 0, 'Final notice: disconnection possible in 10 days'),
  ('2020-01-01', 'DOOR_HANGER', 35, 'COLLECTIONS_DISCONNECT_NOTICE', 'DOOR_HANGER', 0, 'Door hanger, 48-hour notice'),
  ('2020-01-01', 'DISCONNECT', 37, null, 'DISCONNECT_NONPAY', 2, 'Disconnect for non-payment');

-- What the schedule and the payment hooks did to an account, one row per account, business date, step and
-- outcome (the job's idempotency). cycle_due_date is the oldest unpaid due date the days are counted from.
create table collection_step_event (
  id              bigint generated always as identity primary key,
  account_id      bigint not null references account(id),
  account_number  text not null,
  business_date   date not null,
  cycle_due_date  date,
  step            text not null,
  outcome         text not null check (outcome in ('TAKEN', 'SKIPPED', 'HELD', 'CANCELLED', 'RESUMED')),
  days_past_due   int,
  past_due        numeric(14,2),
  reasons         text not null check (length(trim(reasons)) > 0),
  letter_id       bigint,
  field_order_ids bigint[],
  payment_id      bigint,
  created_at      timestamptz not null,
  created_by      text not null
);
create unique index collection_step_event_once_a_day on collection_step_event (account_id, business_date, step, outcome);
create index collection_step_event_by_cycle on collection_step_event (account_id, cycle_due_date);
create index collection_step_event_by_payment on collection_step_event (payment_id) where payment_id is not null;
create trigger collection_step_event_append_only before update or delete on collection_step_event
  for each row execute function collections_refuse_change();

insert into letter_template (code, language, title, subject, body) values
('COLLECTIONS_REMINDER', 'en', 'Past due reminder', $t$Reminder - past due balance on account {{accountNumber}}$t$,
$t$Dear {{customerName}},

This is a friendly reminder that utility account {{accountNumber}} for service at {{serviceAddress}} has a past due balance of {{amount}}, unpaid since {{dueDate}}.

If you have already paid, thank you, and please disregard this notice. If you cannot pay the full amount, call Customer Service at (480) 555-0100 to ask about a payment arrangement or a time extension.$t$),
('COLLECTIONS_REMINDER', 'es', 'Recordatorio de saldo vencido', $t$Recordatorio - saldo vencido en la cuenta {{accountNumber}}$t$,
$t$Estimado(a) {{customerName}}:

Le recordamos que la cuenta de servicios {{accountNumber}} para el servicio en {{serviceAddress}} tiene un saldo vencido de {{amount}}, pendiente desde el {{dueDate}}.

Si ya pagó, le damos las gracias; por favor ignore este aviso. Si no puede pagar el monto completo, llame a Servicio al Cliente al (480) 555-0100 para preguntar por un arreglo de pago o una extensión de plazo.$t$),

('COLLECTIONS_FINAL_NOTICE', 'en', 'Final notice: disconnection possible', $t$FINAL NOTICE - disconnection possible on account {{accountNumber}}$t$,
$t$Dear {{customerName}},

Utility account {{accountNumber}} for service at {{serviceAddress}} has a past due balance of {{amount}}. If it is not paid by {{dueDate}}, service may be disconnected after a 48-hour notice is left at the door.

If service is disconnected, the past due balance and a reconnection fee must be paid before service is restored. If you cannot pay the full amount, call Customer Service at (480) 555-0100 about a payment arrangement. If a member of your household depends on life-support equipment, please tell us right away.$t$),
('COLLECTIONS_FINAL_NOTICE', 'es', 'Aviso final: posible desconexión', $t$AVISO FINAL - posible desconexión en la cuenta {{accountNumber}}$t$,
$t$Estimado(a) {{customerName}}:

La cuenta de servicios {{accountNumber}} para el servicio en {{serviceAddress}} tiene un saldo vencido de {{amount}}. Si no se paga a más tardar el {{dueDate}}, el servicio podría desconectarse después de dejar un aviso de 48 horas en la puerta.

Si el servicio se desconecta, se deberá pagar el saldo vencido y un cargo por reconexión antes de restablecerlo. Si no puede pagar el monto completo, llame a Servicio al Cliente al (480) 555-0100 para un arreglo de pago. Si algún miembro de su hogar depende de equipo médico de soporte vital, avísenos de inmediato.$t$),

('COLLECTIONS_DISCONNECT_NOTICE', 'en', '48-hour disconnection notice', $t$48-HOUR NOTICE - service will be disconnected, account {{accountNumber}}$t$,
$t$Dear {{customerName}},

Utility account {{accountNumber}} for service at {{serviceAddress}} has a past due balance of {{amount}}. A 48-hour notice has been left at the service address. Unless the past due balance is paid, service may be disconnected on or after {{dueDate}}.

Pay online, by phone or at City Plaza, 20 E Main St. A payment that brings the past due balance under the disconnection threshold cancels the disconnection. Call Customer Service at (480) 555-0100 with any question.$t$),
('COLLECTIONS_DISCONNECT_NOTICE', 'es', 'Aviso de desconexión de 48 horas', $t$AVISO DE 48 HORAS - el servicio será desconectado, cuenta {{accountNumber}}$t$,
$t$Estimado(a) {{customerName}}:

La cuenta de servicios {{accountNumber}} para el servicio en {{serviceAddress}} tiene un saldo vencido de {{amount}}. Se dejó un aviso de 48 horas en la dirección del servicio. Si no se paga el saldo vencido, el servicio podría desconectarse a partir del {{dueDate}}.

Pague en línea, por teléfono o en City Plaza, 20 E Main St. Un pago que deje el saldo vencido por debajo del límite de desconexión cancela la desconexión. Llame a Servicio al Cliente al (480) 555-0100 si tiene preguntas.$t$),

('COLLECTIONS_RETURNED_PAYMENT_NOTICE', 'en', '48-hour notice after a returned payment', $t$48-HOUR NOTICE - returned payment, account {{accountNumber}}$t$,
$t$Dear {{customerName}},

Your payment of {{amount}} to utility account {{accountNumber}} was returned by your financial institution. That payment had stopped the disconnection of service at {{serviceAddress}}; the disconnection now resumes. A 48-hour notice has been left at the service address, and service may be disconnected on or after {{dueDate}}.

To keep service on, pay the past due balance with cash, a money order, a cashier's check or a debit or credit card. Call Customer Service at (480) 555-0100 with any question.$t$),
('COLLECTIONS_RETURNED_PAYMENT_NOTICE', 'es', 'Aviso de 48 horas por pago devuelto', $t$AVISO DE 48 HORAS - pago devuelto, cuenta {{accountNumber}}$t$,
$t$Estimado(a) {{customerName}}:

Su pago de {{amount}} a la cuenta de servicios {{accountNumber}} fue devuelto por su institución financiera. Ese pago había detenido la desconexión del servicio en {{serviceAddress}}; la desconexión se reanuda. Se dejó un aviso de 48 horas en la dirección del servicio, y el servicio podría desconectarse a partir del {{dueDate}}.

Para mantener el servicio, pague el saldo vencido en efectivo, giro postal, cheque de caja o tarjeta de débito o crédito. Llame a Servicio al Cliente al (480) 555-0100 si tiene preguntas.$t$),

('COLLECTIONS_DISCONNECT_CANCELLED', 'en', 'Disconnection cancelled', $t$Disconnection cancelled - account {{accountNumber}}$t$,
$t$Dear {{customerName}},

Thank you for your payment of {{amount}} to utility account {{accountNumber}}. The disconnection of service at {{serviceAddress}} has been cancelled.

If the payment is returned by your financial institution, the disconnection resumes with a new 48-hour notice. Call Customer Service at (480) 555-0100 with any question.$t$),
('COLLECTIONS_DISCONNECT_CANCELLED', 'es', 'Desconexión cancelada', $t$Desconexión cancelada - cuenta {{accountNumber}}$t$,
$t$Estimado(a) {{customerName}}:

Gracias por su pago de {{amount}} a la cuenta de servicios {{accountNumber}}. Se canceló la desconexión del servicio en {{serviceAddress}}.

Si su institución financiera devuelve el pago, la desconexión se reanuda con un nuevo aviso de 48 horas. Llame a Servicio al Cliente al (480) 555-0100 si tiene preguntas.$t$),

('COLLECTIONS_RECONNECT', 'en', 'Service reconnection', $t$Service reconnection scheduled - account {{accountNumber}}$t$,
$t$Dear {{customerName}},

Thank you for your payment of {{amount}} to utility account {{accountNumber}}. Reconnection of service at {{serviceAddress}} is scheduled for {{dueDate}}. {{message}}

Please make sure the meter can be reached. Call Customer Service at (480) 555-0100 with any question.$t$),
('COLLECTIONS_RECONNECT', 'es', 'Reconexión del servicio', $t$Reconexión del servicio programada - cuenta {{accountNumber}}$t$,
$t$Estimado(a) {{customerName}}:

Gracias por su pago de {{amount}} a la cuenta de servicios {{accountNumber}}. La reconexión del servicio en {{serviceAddress}} está programada para el {{dueDate}}. {{message}}

Por favor asegúrese de que se pueda llegar al medidor. Llame a Servicio al Cliente al (480) 555-0100 si tiene preguntas.$t$);
