-- Cumulative acknowledgement (README, "Discarding replies the client has seen"): a client that sends sequenced
-- keys (<session>.<sequence>) says with each request that it has received every reply of its session below
-- some sequence. The fence keeps that watermark durably, so a flushed Redis cannot let an acknowledged key run
-- again, and discards its rows below it.

-- A sequenced key's session and sequence, so that the rows below a watermark are found by index.
alter table idempotency_record add column key_session text;
alter table idempotency_record add column key_sequence bigint;
alter table idempotency_record add constraint idempotency_record_sequenced
    check ((key_session is null) = (key_sequence is null));
create index idempotency_record_by_sequence on idempotency_record (client, key_session, key_sequence)
    where key_session is not null;

-- The highest acknowledgement a client's session sent: it only ever rises. Every sequence below it is
-- acknowledged; a fenced request with such a key is refused (410) and moves nothing.
create table idempotency_watermark (
    client     text        not null,
    session    text        not null,
    watermark  bigint      not null check (watermark >= 0),
    updated_at timestamptz not null default now(),
    primary key (client, session)
);

-- The key stays with the operation it created, for audit, when its fence row is discarded.
alter table operation add column idempotency_key text;
update operation o set idempotency_key = r.idempotency_key from idempotency_record r where r.operation_id = o.id;
