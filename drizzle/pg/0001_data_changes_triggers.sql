-- Every statement that changes a table the read cache serves from adds a row here: each instance
-- compares the count and newest id on its next cached read and drops what it cached
-- (lib/db/read-cache.ts). Inserts never conflict, so SERIALIZABLE writers stay independent.
CREATE FUNCTION note_data_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "data_changes" DEFAULT VALUES;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER users_data_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER connections_data_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "connections" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER environments_data_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "environments" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER credentials_data_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "credentials" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER api_keys_data_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "api_keys" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER app_meta_data_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "app_meta" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
