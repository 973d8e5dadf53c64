-- Every change to a table the read cache serves from bumps one counter row: each instance compares
-- it on the next request and drops what it cached (lib/db/read-cache.ts).
INSERT INTO "data_version" ("id", "version") VALUES (1, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "data_version" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER users_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
--> statement-breakpoint
CREATE TRIGGER connections_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "connections" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
--> statement-breakpoint
CREATE TRIGGER environments_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "environments" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
--> statement-breakpoint
CREATE TRIGGER credentials_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "credentials" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
--> statement-breakpoint
CREATE TRIGGER api_keys_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "api_keys" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
--> statement-breakpoint
CREATE TRIGGER app_meta_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "app_meta" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
