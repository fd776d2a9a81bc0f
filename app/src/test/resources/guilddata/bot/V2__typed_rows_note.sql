-- A second version, so the file's bot history says 2.
ALTER TABLE typed_rows ADD COLUMN updated_by text;
