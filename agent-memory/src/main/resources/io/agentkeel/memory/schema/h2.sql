-- AgentKeel memory schema, version 1, for H2 (the embedded default).
-- Created on first use by MemoryDatabase; ${prefix} is the table prefix (default agentkeel_).
-- Statements are separated by lines holding only a semicolon.
CREATE TABLE IF NOT EXISTS ${prefix}schema_version (
  component VARCHAR(64) PRIMARY KEY,
  version INT NOT NULL,
  installed_at TIMESTAMP WITH TIME ZONE NOT NULL
)
;
CREATE TABLE IF NOT EXISTS ${prefix}working_memory (
  task_id VARCHAR NOT NULL,
  item_key VARCHAR NOT NULL,
  owner_tenant VARCHAR NOT NULL,
  owner_principal VARCHAR NOT NULL,
  item_value CHARACTER LARGE OBJECT NOT NULL,
  version BIGINT NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (task_id, item_key)
)
;
CREATE INDEX IF NOT EXISTS ${prefix}working_memory_owner ON ${prefix}working_memory (owner_tenant, owner_principal)
;
CREATE TABLE IF NOT EXISTS ${prefix}review_queue (
  id VARCHAR PRIMARY KEY,
  task_id VARCHAR NOT NULL,
  owner_tenant VARCHAR NOT NULL,
  owner_principal VARCHAR NOT NULL,
  priority INT NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  request CHARACTER LARGE OBJECT NOT NULL
)
;
CREATE INDEX IF NOT EXISTS ${prefix}review_queue_order ON ${prefix}review_queue (priority DESC, created_at)
;
CREATE INDEX IF NOT EXISTS ${prefix}review_queue_owner ON ${prefix}review_queue (owner_tenant, owner_principal)
