-- The relay publishes from its own thread, long after the payment's request is gone. To keep the
-- consumers in the payment's trace, each row remembers the trace context it was written in (a W3C
-- traceparent) and the pay order it is about (for the payment's "publish" step).
ALTER TABLE outbox_event
  ADD COLUMN pay_order_id BIGINT       NULL AFTER event_id,
  ADD COLUMN trace_parent VARCHAR(128) NULL AFTER payload;
