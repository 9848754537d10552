-- The city's standard letters, in English and Spanish. Placeholders in double braces are filled when a letter
-- is sent: customerName, accountNumber, serviceAddress and date by the system; amount, dueDate, caseNumber,
-- resolution and message by the person or module sending it.

insert into letter_template (code, language, title, subject, body) values
('WELCOME', 'en', 'Welcome to City utility service', $t$Welcome to City of Mesa utility service - account {{accountNumber}}$t$,
$t$Dear {{customerName}},

Welcome to City of Mesa Utility Services. Your utility account {{accountNumber}} has been set up for service at {{serviceAddress}}.

Please keep your account number handy; you will need it when you call us, pay at a City payment center or sign in to the online portal. Your first bill will include a one-time account setup fee.

You can pay online, by phone, by mail, through automatic bank payment, or in person at City Plaza, 20 E Main St. Bills are due 21 days after the billing date.

If you have any questions about your service or your bill, call Customer Service at (480) 555-0100, Monday through Friday, 7 a.m. to 6 p.m. We are glad to serve you.$t$),
('WELCOME', 'es', 'Bienvenida al servicio de la Ciudad', $t$Bienvenido al servicio público de la Ciudad de Mesa - cuenta {{accountNumber}}$t$,
$t$Estimado(a) {{customerName}}:

Bienvenido(a) a los Servicios Públicos de la Ciudad de Mesa. Su cuenta de servicios {{accountNumber}} ha sido establecida para el servicio en {{serviceAddress}}.

Tenga a mano su número de cuenta; lo necesitará cuando nos llame, pague en un centro de pago de la Ciudad o entre al portal en línea. Su primera factura incluirá un cargo único por apertura de cuenta.

Puede pagar en línea, por teléfono, por correo, con pago bancario automático o en persona en City Plaza, 20 E Main St. Las facturas vencen 21 días después de la fecha de facturación.

Si tiene preguntas sobre su servicio o su factura, llame a Servicio al Cliente al (480) 555-0100, de lunes a viernes, de 7 a.m. a 6 p.m. Es un gusto servirle.$t$),

('DEPOSIT_REQUIRED', 'en', 'Deposit required', $t$Security deposit required - account {{accountNumber}}$t$,
$t$Dear {{customerName}},

A security deposit of {{amount}} is required for utility service at {{serviceAddress}} on account {{accountNumber}}. Please pay the deposit by {{dueDate}}.

A deposit is required under the City's utility rules when credit history with the City cannot be established or when service has been disconnected for nonpayment. The deposit is credited to your account after 12 consecutive months of on-time payments, or refunded when service ends, less any amount owed.

If the deposit is not paid by the due date, service may be scheduled for disconnection. If you believe this deposit was charged in error, or you would like to ask about paying it in installments, please call Customer Service at (480) 555-0100.$t$),
('DEPOSIT_REQUIRED', 'es', 'Depósito requerido', $t$Depósito de garantía requerido - cuenta {{accountNumber}}$t$,
$t$Estimado(a) {{customerName}}:

Se requiere un depósito de garantía de {{amount}} para el servicio en {{serviceAddress}}, cuenta {{accountNumber}}. Por favor pague el depósito a más tardar el {{dueDate}}.

Las reglas de servicios públicos de la Ciudad requieren un depósito cuando no se puede establecer un historial de crédito con la Ciudad o cuando el servicio fue desconectado por falta de pago. El depósito se abona a su cuenta después de 12 meses consecutivos de pagos puntuales, o se reembolsa al terminar el servicio, menos cualquier saldo pendiente.

Si el depósito no se paga a tiempo, el servicio podría programarse para desconexión. Si cree que este depósito se cobró por error, o desea pagarlo en plazos, llame a Servicio al Cliente al (480) 555-0100.$t$),

('FINAL_NOTICE', 'en', 'Final notice before disconnection', $t$FINAL NOTICE - past due balance on account {{accountNumber}}$t$,
$t$Dear {{customerName}},

Our records show a past due balance of {{amount}} on utility account {{accountNumber}} for service at {{serviceAddress}}.

To avoid disconnection of service, the past due amount must be received by {{dueDate}}. If service is disconnected, the full balance, a reconnection fee and possibly a deposit will be required before service is restored.

If you have already paid, thank you, and please disregard this notice. If you cannot pay the full amount, call Customer Service at (480) 555-0100 before the due date to ask about a payment arrangement or assistance programs. If a member of your household depends on life-support equipment, please tell us right away.$t$),
('FINAL_NOTICE', 'es', 'Aviso final antes de la desconexión', $t$AVISO FINAL - saldo vencido en la cuenta {{accountNumber}}$t$,
$t$Estimado(a) {{customerName}}:

Nuestros registros muestran un saldo vencido de {{amount}} en la cuenta de servicios {{accountNumber}} para el servicio en {{serviceAddress}}.

Para evitar la desconexión del servicio, debemos recibir el pago del saldo vencido a más tardar el {{dueDate}}. Si el servicio se desconecta, se requerirá el saldo total, un cargo por reconexión y posiblemente un depósito antes de restablecerlo.

Si ya pagó, le damos las gracias; por favor ignore este aviso. Si no puede pagar el monto completo, llame a Servicio al Cliente al (480) 555-0100 antes de la fecha de vencimiento para preguntar por un arreglo de pago o programas de asistencia. Si algún miembro de su hogar depende de equipo médico de soporte vital, avísenos de inmediato.$t$),

('RETURNED_PAYMENT', 'en', 'Returned payment', $t$Returned payment on account {{accountNumber}}$t$,
$t$Dear {{customerName}},

Your payment of {{amount}} to utility account {{accountNumber}} was returned by your financial institution. The payment has been reversed and a returned payment fee has been added to your account.

Please pay the returned amount and the fee by {{dueDate}} with cash, a money order, a cashier's check or a debit or credit card. After two returned payments within twelve months, the City can accept only guaranteed funds on this account.

If you believe the payment was returned in error, please contact your bank and then call Customer Service at (480) 555-0100.$t$),
('RETURNED_PAYMENT', 'es', 'Pago devuelto', $t$Pago devuelto en la cuenta {{accountNumber}}$t$,
$t$Estimado(a) {{customerName}}:

Su pago de {{amount}} a la cuenta de servicios {{accountNumber}} fue devuelto por su institución financiera. El pago fue anulado y se agregó a su cuenta un cargo por pago devuelto.

Por favor pague el monto devuelto y el cargo a más tardar el {{dueDate}} en efectivo, giro postal, cheque de caja o tarjeta de débito o crédito. Después de dos pagos devueltos en doce meses, la Ciudad solo podrá aceptar fondos garantizados en esta cuenta.

Si cree que el pago se devolvió por error, comuníquese con su banco y luego llame a Servicio al Cliente al (480) 555-0100.$t$),

('DISPUTE_RESOLUTION', 'en', 'Resolution of your billing dispute', $t$Your billing dispute, case {{caseNumber}} - account {{accountNumber}}$t$,
$t$Dear {{customerName}},

Thank you for contacting us about your bill for service at {{serviceAddress}}. We have completed our review of case {{caseNumber}} on account {{accountNumber}}.

Our finding: {{resolution}}

Collection activity on the disputed amount was held while we reviewed your case. Any amount still owed is now due with your next bill. If you disagree with this decision, you may ask for a review by a Customer Service supervisor within 15 days of the date of this letter by calling (480) 555-0100 or writing to the address above.$t$),
('DISPUTE_RESOLUTION', 'es', 'Resolución de su disputa de facturación', $t$Su disputa de facturación, caso {{caseNumber}} - cuenta {{accountNumber}}$t$,
$t$Estimado(a) {{customerName}}:

Gracias por comunicarse con nosotros sobre su factura del servicio en {{serviceAddress}}. Hemos terminado la revisión del caso {{caseNumber}} de la cuenta {{accountNumber}}.

Nuestra conclusión: {{resolution}}

Las gestiones de cobro sobre el monto disputado se suspendieron durante la revisión de su caso. Cualquier monto que aún se deba vence con su próxima factura. Si no está de acuerdo con esta decisión, puede pedir una revisión por un supervisor de Servicio al Cliente dentro de los 15 días siguientes a la fecha de esta carta, llamando al (480) 555-0100 o escribiendo a la dirección indicada arriba.$t$),

('SERVICE_STOPPED', 'en', 'Service stopped', $t$Service stopped at {{serviceAddress}}$t$,
$t$Dear {{customerName}},

As you requested, utility service at {{serviceAddress}} on account {{accountNumber}} has been stopped. A final meter reading has been taken and your final bill will be mailed to the address on your account.

Any deposit held on the account will be applied to the final bill, and any remaining credit refunded to you by check. If you are moving within Mesa, we can start service at your new address; just call us.

Thank you for being a City of Mesa utility customer. Questions? Call Customer Service at (480) 555-0100.$t$),
('SERVICE_STOPPED', 'es', 'Servicio suspendido', $t$Servicio suspendido en {{serviceAddress}}$t$,
$t$Estimado(a) {{customerName}}:

Según su solicitud, el servicio en {{serviceAddress}} de la cuenta {{accountNumber}} ha sido suspendido. Se tomó la lectura final del medidor y su factura final se enviará por correo a la dirección de su cuenta.

Cualquier depósito en la cuenta se aplicará a la factura final, y el crédito restante se le reembolsará con un cheque. Si se muda dentro de Mesa, podemos iniciar el servicio en su nueva dirección; solo llámenos.

Gracias por ser cliente de los Servicios Públicos de la Ciudad de Mesa. ¿Preguntas? Llame a Servicio al Cliente al (480) 555-0100.$t$),

('GENERAL', 'en', 'General letter', $t$Your utility account {{accountNumber}}$t$,
$t$Dear {{customerName}},

{{message}}

If you have any questions, please call Customer Service at (480) 555-0100, Monday through Friday, 7 a.m. to 6 p.m., and mention account {{accountNumber}}.$t$),
('GENERAL', 'es', 'Carta general', $t$Su cuenta de servicios {{accountNumber}}$t$,
$t$Estimado(a) {{customerName}}:

{{message}}

Si tiene preguntas, llame a Servicio al Cliente al (480) 555-0100, de lunes a viernes, de 7 a.m. a 6 p.m., y mencione la cuenta {{accountNumber}}.$t$);
