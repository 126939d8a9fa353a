-- Traces (issue 15): the W3C trace context of the transaction that wrote the event (traceparent,
-- and tracestate when a caller sent one); OutboxRelay sends the record as a child of it, so a
-- request, its event and what consumers do with it form one trace. NULL when tracing is off.
ALTER TABLE outbox_event ADD COLUMN traceparent TEXT, ADD COLUMN tracestate TEXT;
