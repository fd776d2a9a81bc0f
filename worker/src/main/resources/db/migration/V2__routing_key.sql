-- "command" held a command name or a component's custom_id: it is the key the interaction was
-- routed by (command name, or custom_id prefix and state), so it is named for that.
ALTER TABLE handled_interactions RENAME COLUMN command TO routing_key;
