-- Each app instance caches resolved sessions for a few seconds. A change that must end or alter a session —
-- a logout, an expired or revoked session, a user disabled, given another role or deleted — announces itself
-- on channel zl_auth, whichever instance (or hand-written SQL) made it; every instance then drops its copy.
CREATE FUNCTION zl_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'sessions' THEN
    PERFORM pg_notify('zl_auth', 's:' || OLD.id);
  ELSE
    PERFORM pg_notify('zl_auth', 'u:' || OLD.id::text);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER sessions_auth_changed AFTER DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION zl_auth_changed();--> statement-breakpoint
CREATE TRIGGER users_auth_changed AFTER UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION zl_auth_changed();
