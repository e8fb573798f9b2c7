-- Names as people spell them (issue 16 §5). Search missed "yilmaz" for
-- "Yılmaz" and "oconnor" for "O'Connor", and phone numbers and emails were
-- not searchable at all. The index's tokenizer already folds case and
-- accents (unicode61, remove_diacritics 2); each person's row now also
-- holds their names with the letters that have no accent to drop written
-- as in ASCII (ı i, ø o, ß ss, æ ae, œ oe, ł l, đ d, ð d, þ th) and the
-- apostrophes taken out, as domain::spelling::fold does, and their phone
-- (as written and as digits alone) and email. Done in SQL so that every
-- writer of a person row, and this migration's rebuild, keeps it the same.

DROP TRIGGER person_search_insert;
DROP TRIGGER person_search_update;

CREATE TRIGGER person_search_insert AFTER INSERT ON person
BEGIN
    INSERT INTO search_index (rowid, body) VALUES (new.id * 2 + 1,
        new.given_names || ' ' || new.family_name || ' ' || replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace((new.given_names || ' ' || new.family_name), 'ı', 'i'), 'ø', 'o'), 'Ø', 'O'), 'ß', 'ss'), 'ẞ', 'SS'), 'æ', 'ae'), 'Æ', 'AE'), 'œ', 'oe'), 'Œ', 'OE'), 'ł', 'l'), 'Ł', 'L'), 'đ', 'd'), 'Đ', 'D'), 'ð', 'd'), 'Ð', 'D'), 'þ', 'th'), 'Þ', 'TH'), '''', ''), '’', ''), '‘', ''), 'ʼ', '')
        || ' ' || coalesce(new.phone, '') || ' ' || replace(replace(replace(replace(replace(coalesce(new.phone, ''), ' ', ''), '-', ''), '(', ''), ')', ''), '.', '') || ' ' || coalesce(new.email, ''));
END;
CREATE TRIGGER person_search_update AFTER UPDATE ON person
BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 2 + 1;
    INSERT INTO search_index (rowid, body) VALUES (new.id * 2 + 1,
        new.given_names || ' ' || new.family_name || ' ' || replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace((new.given_names || ' ' || new.family_name), 'ı', 'i'), 'ø', 'o'), 'Ø', 'O'), 'ß', 'ss'), 'ẞ', 'SS'), 'æ', 'ae'), 'Æ', 'AE'), 'œ', 'oe'), 'Œ', 'OE'), 'ł', 'l'), 'Ł', 'L'), 'đ', 'd'), 'Đ', 'D'), 'ð', 'd'), 'Ð', 'D'), 'þ', 'th'), 'Þ', 'TH'), '''', ''), '’', ''), '‘', ''), 'ʼ', '')
        || ' ' || coalesce(new.phone, '') || ' ' || replace(replace(replace(replace(replace(coalesce(new.phone, ''), ' ', ''), '-', ''), '(', ''), ')', ''), '.', '') || ' ' || coalesce(new.email, ''));
END;

-- Every person's row again, in the new form.
DELETE FROM search_index WHERE rowid IN (SELECT id * 2 + 1 FROM person);
INSERT INTO search_index (rowid, body)
SELECT p.id * 2 + 1,
        p.given_names || ' ' || p.family_name || ' ' || replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace((p.given_names || ' ' || p.family_name), 'ı', 'i'), 'ø', 'o'), 'Ø', 'O'), 'ß', 'ss'), 'ẞ', 'SS'), 'æ', 'ae'), 'Æ', 'AE'), 'œ', 'oe'), 'Œ', 'OE'), 'ł', 'l'), 'Ł', 'L'), 'đ', 'd'), 'Đ', 'D'), 'ð', 'd'), 'Ð', 'D'), 'þ', 'th'), 'Þ', 'TH'), '''', ''), '’', ''), '‘', ''), 'ʼ', '')
        || ' ' || coalesce(p.phone, '') || ' ' || replace(replace(replace(replace(replace(coalesce(p.phone, ''), ' ', ''), '-', ''), '(', ''), ')', ''), '.', '') || ' ' || coalesce(p.email, '')
  FROM person p;
