-- When Discord accepted the stored answer (callback, edit of @original, or a permanent refusal we
-- gave up on). A redelivered event whose row has it set is acked without calling Discord again.
ALTER TABLE handled_interactions ADD COLUMN delivered_at timestamptz;
