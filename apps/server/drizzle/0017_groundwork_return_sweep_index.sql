-- The return requests' 72-hour sweep runs on the deadline engine now (deadlines_due_idx): its own index on
-- shop_due_at had no reader left and only cost writes.
DROP INDEX "return_requests_shop_due_idx";