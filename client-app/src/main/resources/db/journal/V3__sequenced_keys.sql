-- Sequenced keys and the cumulative acknowledgement (the lecture's xid = (client id, sequence number)).
--
-- Two keys per operation. idempotency_key stays the caller's key (a form's, the API's Idempotency-Key, or one
-- minted here) and de-duplicates submissions to client-app. bank_key is client-app's own key at the bank,
-- <session>.<sequence>, so that with every request client-app can tell the bank "I have received every reply
-- of this session below N" and the bank can forget those replies at once.

-- One session per user, shared by every client-app instance on this journal and resumed after a restart: the
-- journal is durable, so the sequence never goes back and a restarted client may keep its session id. A client
-- that lost its journal starts a new random session, which cannot collide with the old one.
create table key_session (
    username      varchar(100) primary key,
    session_id    varchar(64)  not null unique,
    -- The sequence the next operation gets.
    next_sequence bigint       not null check (next_sequence > 0),
    -- The highest acknowledgement any operation of this session carries: every reply below it was received,
    -- so the journal may forget those operations after the retention.
    acknowledged  bigint       not null default 0 check (acknowledged >= 0),
    created_at    timestamptz  not null
);

alter table operation add column bank_key varchar(255);
-- The operation's place in its user's session; null for an operation journaled before sessions existed.
alter table operation add column key_sequence bigint;
-- The acknowledgement fixed when the key was minted: the same header field value on every attempt, so that a
-- bank that ignores the extension still sees one opaque key per operation. Null when none is sent.
alter table operation add column acknowledged bigint;

-- Operations journaled before: they keep being sent under their caller's key, as an opaque key.
update operation set bank_key = idempotency_key;

alter table operation add constraint operation_bank_key_per_user unique (username, bank_key);

-- The lowest sequence still in doubt, read by every mint.
create index operation_in_doubt_sequence on operation (username, key_sequence) where status = 'IN_DOUBT';

-- The pruner's look for final operations past the retention.
create index operation_final_by_age on operation (updated_at) where status <> 'IN_DOUBT';
