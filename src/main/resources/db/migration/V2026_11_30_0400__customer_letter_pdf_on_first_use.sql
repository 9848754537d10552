-- A letter's PDF is laid out on first view, print or e-mail instead of when it is sent (a daily job sends
-- thousands); what the page shows besides subject and body is fixed at send, so the PDF made later is the
-- letter that was sent: the date line, the address block (one line per row) and the signature.
alter table letter alter column pdf drop not null;
alter table letter add column letter_date text,
                   add column address_block text,
                   add column signature text,
                   add column signature_title text;
alter table letter add constraint letter_pdf_or_what_it_shows
  check (pdf is not null or (letter_date is not null and address_block is not null and signature is not null
                             and signature_title is not null));
