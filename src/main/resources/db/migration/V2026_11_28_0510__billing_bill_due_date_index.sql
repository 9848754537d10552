-- Bills by due date: collections' daily late-fee job reads the bills falling due in a window (Bills.issuedDueBetween).
create index bill_by_due_date on bill (due_date);
