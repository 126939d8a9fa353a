-- Traces (issue 15): the W3C trace context of the consumer's "inbox insert" span that wrote the delivery;
-- DeliveryWorker sends it later on its own thread, and the webhook call continues this trace (its
-- traceparent header). NULL when tracing is off.
ALTER TABLE delivery ADD COLUMN traceparent TEXT, ADD COLUMN tracestate TEXT;
